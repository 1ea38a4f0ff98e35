package dev.ringgate.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundLoopTest {

  @Test
  void aRunThatThrowsIsLoggedAndTheLoopKeepsRunning() {
    // Given a task that fails on every run
    AtomicInteger runs = new AtomicInteger();
    Runnable failing =
        () -> {
          runs.incrementAndGet();
          throw new IllegalStateException("store down");
        };

    // When it runs in a loop
    try (BackgroundLoop loop =
        BackgroundLoop.start("test-failing", Duration.ofMillis(10), failing)) {

      // Then it is run again after each failure
      await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
    }
  }

  @Test
  void runsOnANamedDaemonThread() {
    // Given
    CopyOnWriteArrayList<Thread> threads = new CopyOnWriteArrayList<>();

    // When
    try (BackgroundLoop loop =
        BackgroundLoop.start(
            "ringgate-test-loop",
            Duration.ofMillis(10),
            () -> threads.add(Thread.currentThread()))) {
      await().atMost(Duration.ofSeconds(5)).until(() -> !threads.isEmpty());
    }

    // Then
    assertThat(threads.get(0).getName()).isEqualTo("ringgate-test-loop");
    assertThat(threads.get(0).isDaemon()).isTrue();
  }

  @Test
  void stopLetsTheRunInProgressFinishAndStartsNoOther() throws InterruptedException {
    // Given a loop whose run is in progress
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    BackgroundLoop loop =
        BackgroundLoop.start(
            "test-slow",
            Duration.ofMillis(5),
            () -> {
              runs.incrementAndGet();
              started.countDown();
              try {
                Thread.sleep(200);
                finished.incrementAndGet();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    // When
    loop.stop();

    // Then the run finished, and no other starts
    assertThat(finished.get()).isEqualTo(runs.get());
    int after = runs.get();
    Thread.sleep(50);
    assertThat(runs.get()).isEqualTo(after);
  }

  @Test
  void aShortIntervalIsRaisedToTheFloor() {
    assertThat(BackgroundLoop.atLeast(Duration.ofMillis(10), Duration.ofMillis(50)))
        .isEqualTo(Duration.ofMillis(50));
    assertThat(BackgroundLoop.atLeast(Duration.ofSeconds(2), Duration.ofMillis(50)))
        .isEqualTo(Duration.ofSeconds(2));
  }
}
