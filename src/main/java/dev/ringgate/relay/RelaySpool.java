package dev.ringgate.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringgate.agent.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * The relay's durable queue of what it owes the upstream: one JSON line per entry, appended with a
 * sequence number. Telemetry is forced to disk before its 202; check-ins are handed to the
 * operating system (a killed process keeps them; a power loss may lose the last ones, which only
 * delays when a device counts as seen). A line torn by a kill was never acknowledged and is cut off
 * on the next start. What the upstream applied is recorded in {@code spool.acked}; once all of it
 * is, a large log starts over.
 */
final class RelaySpool implements AutoCloseable {
  private static final long COMPACT_BYTES = 16L << 20;

  private final Path dir;
  private final ObjectMapper json;
  private final String spoolId;
  private final FileChannel log;
  private final Deque<Forwarded.Entry> pending = new ArrayDeque<>();
  private long nextSeq;

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
      long ackedSeq = acked == null ? 0 : Long.parseLong(acked.strip());
      this.log =
          FileChannel.open(
              dir.resolve("spool.log"),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      this.nextSeq = recover(ackedSeq) + 1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the relay's spool in " + dir, e);
    }
  }

  /** Reads the log: keeps what was not applied yet, cuts off a torn last line; the last seq. */
  private long recover(long ackedSeq) throws IOException {
    byte[] bytes = Files.readAllBytes(dir.resolve("spool.log"));
    long last = ackedSeq;
    int start = 0;
    int good = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
      start = i + 1;
      Forwarded.Entry entry;
      try {
        entry = json.readValue(line, Forwarded.Entry.class);
      } catch (JsonProcessingException e) {
        break;
      }
      good = start;
      last = Math.max(last, entry.seq());
      if (entry.seq() > ackedSeq) {
        pending.add(entry);
      }
    }
    log.truncate(good);
    log.position(good);
    return last;
  }

  String spoolId() {
    return spoolId;
  }

  /** Appends entries (their seq is assigned here), on disk when this returns if {@code force}. */
  synchronized void append(List<Forwarded.Entry> entries, boolean force) {
    StringBuilder lines = new StringBuilder(entries.size() * 200);
    List<Forwarded.Entry> numbered = new ArrayList<>(entries.size());
    long seq = nextSeq;
    for (Forwarded.Entry e : entries) {
      Forwarded.Entry entry = withSeq(e, seq++);
      numbered.add(entry);
      try {
        lines.append(json.writeValueAsString(entry)).append('\n');
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
    pending.addAll(numbered);
  }

  /** Up to {@code max} entries the upstream has not applied yet, oldest first. */
  synchronized List<Forwarded.Entry> peek(int max) {
    List<Forwarded.Entry> batch = new ArrayList<>(Math.min(max, pending.size()));
    for (Forwarded.Entry entry : pending) {
      if (batch.size() == max) {
        break;
      }
      batch.add(entry);
    }
    return batch;
  }

  synchronized int size() {
    return pending.size();
  }

  /** The upstream applied everything up to {@code seq}. */
  synchronized void applied(long seq) {
    while (!pending.isEmpty() && pending.peekFirst().seq() <= seq) {
      pending.removeFirst();
    }
    StateFiles.write(dir.resolve("spool.acked"), Long.toString(seq));
    try {
      if (pending.isEmpty() && log.size() > COMPACT_BYTES) {
        log.truncate(0);
        log.position(0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compact the relay's spool", e);
    }
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
