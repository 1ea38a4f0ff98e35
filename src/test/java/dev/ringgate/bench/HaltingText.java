package dev.ringgate.bench;

/** The fixed prose of docs/benchmarks/halting.md. */
final class HaltingText {
  private HaltingText() {}

  static final String HEADER =
      """
      # Halting quality: Ringgate against the peers' rules

      How many devices does a bad release reach before the rollout stops, and how often is a healthy
      release stopped by mistake? The fleet simulator answers both with Ringgate's own code and with
      the rules of five other update systems, over seeded runs in simulated time. This file, its
      plots and `halting.json` are generated; do not edit them by hand.

      Regenerate (`--scale 0.1` for a quick look; the duration of the full run is given below):

      ```sh
      ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
      java -Xmx6g -cp target/test-classes:target/classes:$(cat target/cp.txt) \\
        dev.ringgate.bench.HaltingReport --out docs/benchmarks --threads 2
      ```

      Optional, for a quick check (not for this file): `--only catastrophic,forged-crashes` keeps the
      named scenarios, `--rules ringgate,ringgate-evidence` the named rules, and `--out /tmp/hr`
      writes elsewhere.

      """;

  static final String SETUP =
      """
      ## What is simulated

      **The fleet.** 1,000,000 devices (50,000 for the healthy and noisy scenarios, whose rollouts run
      through every ring: 500 runs per Ringgate plan, 200 and 100 per peer) in 2,000 tenants (1,000 in the smaller fleet) of very different sizes; tenants on the channels STAGED (75 %),
      EARLY_ACCESS (5 %), GENERAL (15 %), N-1 (5 %); 10 % of tenants install only in a nightly
      maintenance window (01:00-05:00 UTC); 75 % workstations, 22 % servers, 3 % lab machines; 20 % of
      devices on the older agent line (6.9 instead of 7.4). Devices poll every 5 minutes +/- 10 %,
      install what they are told within 30-120 s, report INSTALLED when the release boots and CRASH
      when they crash; a check-in on the release is their heartbeat (the service counts both as a
      good boot). Baseline: 0.1 % of devices crash per day, 0.05 % per day fall silent for good
      (retired, lost), whatever the version. Simulated time starts on a Monday at 09:00 UTC.

      **Ringgate** is the service's own code, not a copy: every check-in is answered by
      `Decider.decide` on a snapshot of the product's releases (the release in its rings with the
      `Admission` that `SnapshotBuilder` builds from the real `Rollout`), the tenants' `TenantPolicy`s
      and the time; the check-in's `CohortMark`s and the telemetry fill the rollout's device rows
      (earliest time wins, silence deadline 3 polls ahead), counted per ring as the store counts them
      (a test holds the simulator's counts to `RingCountsStore`'s on the same rows); `HealthGate` with
      the service's default settings judges every ring reached, and `GateStep` halts, rolls back or
      promotes the `Rollout` state machine. The gate weighs each ring tenant by tenant as the service
      does (`TenantEvidence`: every simulated device is established, each tenant counts at most at
      its share of the fleet, a signal carried by one minority tenant halts the rollout for that
      tenant only, and that tenant's devices are then told to roll back). The gate is evaluated every
      simulated 5 minutes (every minute on fleets under 20,000 devices) and within 5 s of a failure
      report. Every device is simulated from the start: those in rings not reached yet are told
      "stay" and are the fleet control of every ring reached, as in the service. A device whose
      answer cannot change (in a ring not reached, on the release, or waiting for the ramp to reach
      its position) is held: it counts as checking in every poll interval, unsimulated, until its
      night, its loss for good, the ramp or the next change of the rollout, when it is simulated
      again from its last (implicit) check-in.

      Ringgate's plans:
      - `ringgate`: the default plan a product starts with (canary 0.1 % ramping over 30 minutes,
        60-min bake, 10 devices; 1 % over 60 min, 120-min bake; 10 %, which passes only once its
        exposure would have halted a twofold regression with probability 0.98, or after 12 hours;
        50 %; 100 %; gates alpha 0.01, maxRateRatio 2, maxCrashRate 0.02). **Recommended default for
        content updates.**
      - `ringgate-no-ramps`: the same rings opened at once.
      - `ringgate-evidence`: the default plan whose 1 % ring passes only on evidence
        (`beta` 0.02 against a tolerated ratio of 3): recommended for agent builds, where a
        slight regression matters more than speed.

      **Scenarios.**

      | scenario | the release |
      |---|---|
      | catastrophic | every installer crashes within 1-5 minutes of booting it and stays in a boot loop (no more check-ins); 70 % of the crashes are reported within 2 minutes, 30 % only 2-12 hours later |
      | silent-brick | every installer boot-loops and never reports or checks in again (July 2024) |
      | incompatible-content | a content release that boot-loops the 20 % of devices on the older agent line (reported as in catastrophic) and runs fine on the others |
      | regression-10x, -3x, -1.5x | the release crashes 10, 3, 1.5 times as often as the baseline of 0.1 % per device and day |
      | healthy | the same crash rate as the baseline |
      | noisy-baseline | healthy, with 60 % of machines switched off every night (about 22:00-07:00) and crash reports sent in bursts up to 4 hours late |

      **Peer rules**, each with its documented defaults (researched from the sources named):

      | rule | how it rolls out | when it stops | source |
      |---|---|---|---|
      | hawkbit | 5 equal rollout groups (the REST API example's count); the next group starts when 50 % of the current group's actions finished (server default success threshold) | pauses when errored actions exceed 50 % of any running group's targets (server default error threshold), checked every 2 s | hawkBit `RolloutGroupConditionBuilder.withDefaults()`, `ThresholdRolloutGroupErrorCondition`, `RolloutScheduler` |
      | aws-iot-jobs | exponential rate: 50 devices/min, x2 every 1,000 notified, at most 1,000/min (the developer guide's example); jobs are pushed, devices act at once | cancels when >= 20 % of completed executions failed after 100 completed (the guide's example); no in-progress timeout by default, so silent devices never complete | AWS IoT developer guide, "Job rollout, scheduling and abort configurations" |
      | ubuntu-phasing | 10 % of machines, 10 points more every 6 hours | the phased-updater (every 6 h) stops phasing on a crash signature new in this version from >= 3 machines, or when today's crashes exceed the previous version's daily mean + 1 sd, scaled by the phased share and the share of the day elapsed, by more than 1 (with >= 3 crashes) | Ubuntu SRU docs; error-tracker `cassie.py` |
      | argo-failure-limit | canary weights 20, 40, 60, 80 % with a 10-minute pause after each, then 100 % (the docs' example) | background analysis every 5 min: success rate of the devices on the release (1 - crash reports / their check-ins and reports) >= 0.95 (the docs' example condition); aborts when failed measurements exceed `failureLimit` (default 0) | Argo Rollouts analysis docs |
      | no-gate | everyone at their next poll (July 2024) | never | — |

      The peers hear the same installs and crash reports as Ringgate (a crash on the release turns a
      device's execution into a failure, also after it reported success), which is generous to them:
      in reality an update job usually succeeds before the machine crashes. They do not count
      silence (none of them has a notion of a device that should have reported).

      """;

  static final String WALD_INTRO =
      """
      Wald's sequential probability ratio test needs, on average, the figure below to tell the bad
      release from the baseline with alpha 0.01 and beta 0.05 **if it knew the baseline exactly**:
      exposed devices for failures that strike every device (or a share of them) within the gate's
      window, exposed device-hours for crash-rate regressions. No sequential test does better on
      average. Ringgate does not know the baseline: it compares with the control group, mixes over
      rate ratios it does not know in advance (1.25 ... 100), needs 3 crashed devices on its fast
      path, and waits for reports; the ratio column is the price of that. Exposed figures are counted
      when the halt happened, so they include devices whose failure had not yet been reported.

      """;

  static final String ADVERSARIAL =
      """

      ## Forged evidence

      A tenant (not the vendor) can register devices with ids it chose, so that they hash into the
      canary, before the rollout starts: they are then established devices like any other. The
      forger is the smallest STAGED tenant of the fleet.

      - **forged-crashes** (50,000 devices, a healthy release): 20 made-up devices in the canary
        (which holds about 50 real ones) report INSTALLED and CRASH as soon as they are offered the
        release. Expected: no halt beyond the forging tenant ("halted for everyone" is a false
        halt), the forger's own rollout halted.
      - **forged-healthy-3x** and **forged-healthy-catastrophic** (1,000,000 devices): 300 made-up
        devices in the canary (which holds about 1,000 real ones) check in on the release and never
        crash, while the real fleet runs the 3x regression or the catastrophic release. Expected:
        halted as without the forger (compare the blast radius with the plain rows).

      """;

  static final String PLOTS =
      """
      ## Plots

      ![Blast radius by scenario and rule](halting/blast-radius.png)

      ![Catastrophic: blast radius over runs](halting/catastrophic-cdf.png)

      ![Silent brick: blast radius over runs](halting/silent-brick-cdf.png)

      ![3x regression: blast radius over runs](halting/regression-3x-cdf.png)

      ![False halts](halting/false-halts.png)

      """;

  static final String NOTES =
      """
      ## Reading the figures

      - **Why ramps matter.** A ring that opens at once hands the release to its whole share within
        one poll interval, before the first crash can be reported; the ramp admits 1/64 of the ring
        first and doubles every sixth of `rampMinutes`, so a release that breaks machines within
        minutes is stopped while a few dozen have it. The ramp's not-yet-admitted devices are also
        the control group that lets the gate compare silence with silence.
      - **Slight regressions take hours to days at a 0.1 %/day baseline.** A 1 % ring of 10,000
        devices sees about ten crashes a day. A ring passes when its bake time is over and nothing
        halted it; with `beta` it also waits for the exposure that would have halted a regression of
        `maxRateRatio` with probability `1 - beta`, a fixed number of device-hours. The default plan
        asks that of its 10 % ring (a twofold regression), the evidence plan also of its 1 % ring (a
        threefold one), each with a cap (12 hours, 2 days) after which the ring passes on what it
        certified. A threefold crash regression doubles the failures a bit more than twofold (silence
        is counted with crashes), so it is held in the 10 % ring.
      - **Peers.** Rules that count failed installs against a share of a large group (hawkBit 50 %,
        AWS 20 %) cannot see a regression of a per-mille rate at all; their protection against a
        catastrophic release is the size of the first group or the notification rate. Nothing that
        waits for reports stops a silent brick: hawkBit's rollout stalls (the first group never
        reaches its success threshold) without pausing, the others roll on.
      - **No ramps, no control group.** Without a ramp, a small ring's only control devices are the
        held-back tenants' (4 in the 50-device canary of the 50,000-device fleet, under the 20 needed).
        Once the rollout reaches its last ring no ring is left unreached, and the canary is judged on
        its crashes alone against `maxCrashRate`; its night-time silence is listed as not judged, since
        silence needs a control. Before that, the rings not reached are every ring's control.
      - **How long a healthy rollout takes.** Bake times, plus, where `beta` is set, the exposure it
        asks for: on 50,000 devices the default plan's 10 % ring (4,500 devices) waits its 12-hour
        cap and the evidence plan's 1 % ring (450 devices) its 2-day cap, each passing with a verdict
        that says what it certified. Nothing waits on whether a crash happened to fall in a small
        group.
      - **Small samples.** The evidence plan's 3x target rests on 60 runs (the other plans' on 20):
        57 of 60 held is a 95 % point estimate whose 95 % confidence interval is about 86-98 %. With
        500 healthy runs, 5 false halts (1 %) have an interval of about 0.4-2.3 %.
      - Time to halt counts from the start of the rollout.
      """;
}
