package dev.ironbox.core.port.in;

import dev.ironbox.core.model.CleanupReport;
import dev.ironbox.core.model.SandboxSummary;
import java.util.List;

/** Ironbox's containers on one runtime ({@code ironbox ps}) and their removal ({@code ironbox cleanup}). */
public interface InventoryUseCase {

    /** Every container Ironbox created on this runtime (label {@code dev.ironbox.managed=true}), oldest first. */
    List<SandboxSummary> sandboxes();

    /**
     * Removes Ironbox's containers and networks whose owning process is gone (a detached session counts as owned
     * while it runs), or, with {@code all}, every one of them. Nothing without Ironbox's label is touched.
     */
    CleanupReport cleanup(boolean all);
}
