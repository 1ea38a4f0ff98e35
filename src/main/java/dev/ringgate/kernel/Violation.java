package dev.ringgate.kernel;

/** One offending value: {@code field} is its path in the request ({@code rings[2].shareBp}). */
public record Violation(String field, String message) {}
