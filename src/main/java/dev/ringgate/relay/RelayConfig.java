package dev.ringgate.relay;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Edge relay settings ({@code ringgate.relay.*}): the relay's own ones, and the upstream's one
 * ({@link #snapshotValidity()}). See docs/relay.md.
 */
@ConfigMapping(prefix = "ringgate.relay")
public interface RelayConfig {
  /** Whether this process is a relay; set by the {@code relay} command. */
  @WithDefault("false")
  boolean enabled();

  /** The upstream service's base URL, e.g. {@code https://ringgate.example.com}. */
  Optional<URI> upstream();

  /** The relay's key: a RELAY key of the tenant it serves. */
  Optional<String> key();

  /**
   * How long after its last successful sync the relay still offers INSTALL; after that only STAY
   * and ROLLBACK. Readiness stays UP.
   */
  @WithDefault("24h")
  Duration maxStaleness();

  /**
   * The upstream's public key for sync documents (base64 of its X.509 form, as the upstream's
   * {@code GET /api/v1/relay/sync} shows it). Unset, the relay trusts the key of its first sync and
   * keeps it in its data directory.
   */
  Optional<String> upstreamPublicKey();

  /** How long the upstream holds a sync request open waiting for a change (long poll). */
  @WithDefault("20s")
  Duration pollWait();

  /**
   * After how long without contact the upstream counts as unreachable: ramps freeze and the local
   * fast path runs.
   */
  @WithDefault("30s")
  Duration offlineAfter();

  /**
   * Distinct devices of the relay that must report a crash or boot loop on a release in its rings
   * before the relay withdraws it locally while the upstream is unreachable.
   */
  @WithDefault("3")
  int fastPathCrashes();

  /**
   * Whether the relay keeps a verified copy of each release artifact it may offer, serves it at
   * {@code /api/v1/artifacts/{sha256}} and names it in the answers' {@code mirrors}.
   */
  @WithDefault("false")
  boolean mirrorArtifacts();

  /**
   * At most this much of artifacts is mirrored; a release whose artifact does not fit is skipped
   * (logged), its devices download it from its URL.
   */
  @WithDefault("10G")
  MemorySize mirrorMaxSize();

  /**
   * The relay's base URL as its devices reach it, for the links in {@code mirrors} (e.g. behind a
   * proxy). Unset: the scheme and host of each check-in request.
   */
  Optional<URI> publicUrl();

  /** Upstream side: how long a signed sync document is valid after it was issued. */
  @WithDefault("24h")
  Duration snapshotValidity();
}
