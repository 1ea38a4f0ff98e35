package dev.ringgate.simulate.domain;

import dev.ringgate.checkin.domain.Action;
import dev.ringgate.checkin.domain.CohortMark;
import java.util.List;

/**
 * The last answer each simulated device got, with the cohort marks its check-in made, for as long
 * as the snapshot it came from is current. Most check-ins of a healthy rollout repeat the last one
 * (a device in a ring not reached is told to stay, a device on the release is told to stay on it),
 * so {@link RinggateRule} replays them instead of deciding them again: the same marks, at the new
 * time. Packed in one {@code long} per device, so that a million devices cost 8 MB.
 *
 * <p>Layout: bits 0-31 the snapshot generation, bit 32 whether the device ran the release, bits
 * 33-34 the action, then {@link #MARKS} marks of 10 bits each (a 2-bit kind plus 1, 0 for none; an
 * 8-bit ring).
 */
final class Answers {
  /** At most this many marks per check-in: the simulator runs one rollout. */
  static final int MARKS = 2;

  private static final Action[] ACTIONS = Action.values();
  private static final CohortMark.Kind[] KINDS = CohortMark.Kind.values();
  private static final int MARK_SHIFT = 35;

  private final long[] answers;

  Answers(int devices) {
    answers = new long[devices];
  }

  /**
   * Remembers a decided answer; one that cannot be replayed as it is (an INSTALL starts an install,
   * a ROLLBACK changes the device's version; more marks than fit) is forgotten instead.
   */
  void remember(int device, boolean onRelease, int generation, Action action, List<CohortMark> m) {
    if (action != Action.STAY || m.size() > MARKS) {
      answers[device] = 0;
      return;
    }
    long packed =
        (generation & 0xFFFFFFFFL) | (onRelease ? 1L << 32 : 0) | (long) action.ordinal() << 33;
    for (int i = 0; i < m.size(); i++) {
      CohortMark mark = m.get(i);
      if (mark.ring() < 0 || mark.ring() > 0xFF) {
        answers[device] = 0;
        return;
      }
      long bits = ((long) (mark.kind().ordinal() + 1) << 8) | mark.ring();
      packed |= bits << (MARK_SHIFT + 10 * i);
    }
    answers[device] = packed | 1L << 63;
  }

  /**
   * The device's remembered answer for this generation and version (non-negative, to read with
   * {@link #action} and {@link #mark}), or -1.
   */
  int known(int device, boolean onRelease, int generation) {
    long packed = answers[device];
    if (packed == 0 || (int) packed != generation || ((packed >>> 32) & 1) != (onRelease ? 1 : 0)) {
      return -1;
    }
    return (int) ((packed >>> 33) & 0x3FFFFFFF);
  }

  static Action action(int known) {
    return ACTIONS[known & 3];
  }

  /**
   * Mark {@code m} of an answer (non-negative, to read with {@link #kind} and {@link #ring}), or
   * -1.
   */
  static int mark(int known, int m) {
    int bits = (known >>> (2 + 10 * m)) & 0x3FF;
    return (bits >>> 8) == 0 ? -1 : bits;
  }

  static CohortMark.Kind kind(int mark) {
    return KINDS[(mark >>> 8) - 1];
  }

  static int ring(int mark) {
    return mark & 0xFF;
  }
}
