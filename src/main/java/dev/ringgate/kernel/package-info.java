/**
 * Framework-free helpers every feature may use: background loops and threads, the write-behind
 * buffer, and the JSON-over-HTTP client. Nothing here imports CDI, JDBC, Quarkus or another
 * Ringgate package, so it sits at the bottom of the dependency order.
 */
package dev.ringgate.kernel;
