/**
 * The warm one-shot pool: {@code WarmPool} keeps containers created and started ahead of the runs that will claim
 * them, per {@code PoolKey}, each running the {@code WarmShim} until a run hands it its command ({@code HandOver});
 * {@code WarmMaker} makes them with a cold run's hardening, {@code PoolRemoval} removes them. No host I/O.
 */
package dev.ironbox.core.pool;
