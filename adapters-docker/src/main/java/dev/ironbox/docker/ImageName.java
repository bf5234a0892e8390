package dev.ironbox.docker;

/**
 * An image reference split the way the engine's pull and import calls want it: repository, and tag or digest.
 * The tag is the part after the last {@code :} that follows the last {@code /}, so a registry port
 * ({@code localhost:5000/tool}) is never mistaken for a tag; without a tag it is {@code latest}.
 *
 * @param repository e.g. {@code localhost:5000/ironbox/tool}
 * @param tag e.g. {@code 1.2}, or a digest such as {@code sha256:...} when {@link #digest()} is set
 * @param digest whether {@code tag} is a digest ({@code name@sha256:...})
 */
record ImageName(String repository, String tag, boolean digest) {

    static ImageName parse(String image) {
        String name = image.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty image name");
        }
        int at = name.indexOf('@');
        if (at >= 0) {
            return new ImageName(name.substring(0, at), name.substring(at + 1), true);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            return new ImageName(name.substring(0, colon), name.substring(colon + 1), false);
        }
        return new ImageName(name, "latest", false);
    }

    /** {@code repository:tag} or {@code repository@digest}. */
    String reference() {
        return repository + (digest ? "@" : ":") + tag;
    }

    /**
     * The short form the engine prints in {@code RepoTags} for Docker Hub names: {@code docker.io/library/x:1} and
     * {@code index.docker.io/x/y:1} read {@code x:1} and {@code x/y:1}.
     */
    String familiar() {
        String repo = repository;
        for (String hub : new String[] {"docker.io/", "index.docker.io/"}) {
            if (repo.startsWith(hub)) {
                repo = repo.substring(hub.length());
                if (repo.startsWith("library/")) {
                    repo = repo.substring("library/".length());
                }
            }
        }
        return new ImageName(repo, tag, digest).reference();
    }
}
