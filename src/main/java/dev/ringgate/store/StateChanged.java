package dev.ringgate.store;

/** The store's change counter moved: in-memory views of the state must be rebuilt. */
public record StateChanged(long version, boolean local) {}
