package dev.ringgate.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.agent.StateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The relay's durable queue of what it owes the upstream: one JSON line per entry, appended with a
 * sequence number. Telemetry is forced to disk before its 202; check-ins are handed to the
 * operating system (a killed process keeps them; a power loss may lose the last ones, which only
 * delays when a device counts as seen). A line torn by a kill was never acknowledged and is cut off
 * on the next start. What the upstream applied is recorded in {@code spool.acked}; once all of it
 * is, a large log starts over.
 *
 * <p>Memory stays bounded however long the upstream is away: the spool keeps only the offset of the
 * oldest entry not yet applied, and reads each batch back from the log (from the page cache,
 * mostly) when it is forwarded.
 */
final class RelaySpool implements AutoCloseable {
  private static final long COMPACT_BYTES = 16L << 20;
  private static final int CHUNK = 64 * 1024;

  private final Path dir;
  private final ObjectMapper json;
  private final String spoolId;
  private final FileChannel log;
  private long nextSeq;
  private long appliedSeq;

  /** Offset in the log of the oldest entry the upstream has not applied. */
  private long head;

  /** The seq of each entry of the last batch read, and the offset after it. */
  private long[] peekedSeqs = new long[0];

  private long[] peekedEnds = new long[0];

  RelaySpool(Path dir, ObjectMapper json) {
    this.dir = dir;
    this.json = json;
    try {
      Files.createDirectories(dir);
      String id = StateFiles.read(dir.resolve("spool-id"));
      if (id == null) {
        id = "spool-" + UUID.randomUUID();
        StateFiles.write(dir.resolve("spool-id"), id);
      }
      this.spoolId = id.strip();
      String acked = StateFiles.read(dir.resolve("spool.acked"));
      this.appliedSeq = acked == null ? 0 : Long.parseLong(acked.strip());
      this.log =
          FileChannel.open(
              dir.resolve("spool.log"),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      this.nextSeq = recover() + 1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the relay's spool in " + dir, e);
    }
  }

  /** Reads the log through: finds the oldest entry not applied, cuts off a torn last line. */
  private long recover() throws IOException {
    long[] last = {appliedSeq};
    long[] good = {0};
    head = -1;
    scan(
        0,
        (line, start, end) -> {
          Forwarded.Entry entry;
          try {
            entry = json.readValue(line, Forwarded.Entry.class);
          } catch (JsonProcessingException e) {
            return false;
          }
          good[0] = end;
          last[0] = Math.max(last[0], entry.seq());
          if (head < 0 && entry.seq() > appliedSeq) {
            head = start;
          }
          return true;
        });
    log.truncate(good[0]);
    log.position(good[0]);
    if (head < 0) {
      head = good[0];
    }
    return last[0];
  }

  /** What {@link #scan} calls with each whole line; false stops the scan. */
  @FunctionalInterface
  private interface Line {
    boolean accept(byte[] line, long start, long end) throws IOException;
  }

  /** Calls {@code visitor} with each whole line from {@code from} on, in chunks. */
  private void scan(long from, Line visitor) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    long lineStart = from;
    long position = from;
    while (true) {
      chunk.clear();
      int n = log.read(chunk, position);
      if (n <= 0) {
        return;
      }
      byte[] bytes = chunk.array();
      int segment = 0;
      for (int i = 0; i < n; i++) {
        if (bytes[i] == '\n') {
          line.write(bytes, segment, i - segment);
          long end = position + i + 1;
          if (!visitor.accept(line.toByteArray(), lineStart, end)) {
            return;
          }
          line.reset();
          lineStart = end;
          segment = i + 1;
        }
      }
      line.write(bytes, segment, n - segment);
      position += n;
    }
  }

  String spoolId() {
    return spoolId;
  }

  /** Appends entries (their seq is assigned here), on disk when this returns if {@code force}. */
  synchronized void append(List<Forwarded.Entry> entries, boolean force) {
    StringBuilder lines = new StringBuilder(entries.size() * 200);
    long seq = nextSeq;
    for (Forwarded.Entry e : entries) {
      try {
        lines.append(json.writeValueAsString(withSeq(e, seq++))).append('\n');
      } catch (JsonProcessingException ex) {
        throw new IllegalStateException(ex);
      }
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
      while (buffer.hasRemaining()) {
        log.write(buffer);
      }
      if (force) {
        log.force(false);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write the relay's spool", ex);
    }
    nextSeq = seq;
  }

  /** Up to {@code max} entries the upstream has not applied yet, oldest first, read from disk. */
  synchronized List<Forwarded.Entry> peek(int max) {
    List<Forwarded.Entry> batch = new ArrayList<>((int) Math.min(max, size()));
    long[] seqs = new long[max];
    long[] ends = new long[max];
    try {
      scan(
          head,
          (line, start, end) -> {
            if (batch.size() == max) {
              return false;
            }
            Forwarded.Entry entry = json.readValue(line, Forwarded.Entry.class);
            seqs[batch.size()] = entry.seq();
            ends[batch.size()] = end;
            batch.add(entry);
            return true;
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the relay's spool", e);
    }
    peekedSeqs = Arrays.copyOf(seqs, batch.size());
    peekedEnds = Arrays.copyOf(ends, batch.size());
    return batch;
  }

  /** How many entries the upstream has not applied yet. */
  synchronized long size() {
    return Math.max(0, nextSeq - 1 - appliedSeq);
  }

  /** The upstream applied everything up to {@code seq}. */
  synchronized void applied(long seq) {
    int i = Arrays.binarySearch(peekedSeqs, seq);
    try {
      head = i >= 0 ? peekedEnds[i] : offsetAfter(seq);
      appliedSeq = seq;
      StateFiles.write(dir.resolve("spool.acked"), Long.toString(seq));
      if (size() == 0 && log.size() > COMPACT_BYTES) {
        log.truncate(0);
        log.position(0);
        head = 0;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compact the relay's spool", e);
    }
  }

  /** The offset of the first entry after {@code seq}, read from the head on. */
  private long offsetAfter(long seq) throws IOException {
    long[] after = {log.size()};
    scan(
        head,
        (line, start, end) -> {
          if (json.readValue(line, Forwarded.Entry.class).seq() > seq) {
            after[0] = start;
            return false;
          }
          return true;
        });
    return Math.min(after[0], log.position());
  }

  private static Forwarded.Entry withSeq(Forwarded.Entry e, long seq) {
    return new Forwarded.Entry(
        seq,
        e.kind(),
        e.deviceId(),
        e.productId(),
        e.at(),
        e.platform(),
        e.agentVersion(),
        e.current(),
        e.groups(),
        e.version(),
        e.type(),
        e.detail(),
        e.told());
  }

  @Override
  public synchronized void close() throws IOException {
    log.close();
  }
}
