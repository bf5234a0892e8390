package dev.ironbox.bench;

/** One way of running a workload in a fresh (or warm) sandbox, timed as a whole by the harness. */
interface Way {

    /** The table's row name. */
    String name();

    /**
     * Runs the workload once, reads all of its output and checks it ({@link Workload#check}).
     *
     * @throws Exception when the run failed: the harness counts it and goes on
     */
    void run(Workload workload) throws Exception;

    /** A way whose body is a lambda. */
    static Way of(String name, Body body) {
        return new Way() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(Workload workload) throws Exception {
                body.run(workload);
            }
        };
    }

    /** The body of {@link #of}. */
    @FunctionalInterface
    interface Body {
        void run(Workload workload) throws Exception;
    }
}
