package dev.ringgate.kernel;

/** What an event is about: {@code {type: "release", id: "rel_..."}}. */
public record Target(String type, String id) {}
