/**
 * The command line of the jar (picocli, parsed before Quarkus starts): {@code serve}, {@code demo},
 * {@code simulate}, and the client commands of vendors, fleet admins and operators, which call a
 * running server through {@link dev.ringgate.kernel.ApiClient}. One class per command group.
 */
package dev.ringgate.cli;
