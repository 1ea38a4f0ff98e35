package dev.ringgate.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBehindTest {

  @Test
  void flushWritesEverythingQueuedInBatchesInOrder() {
    // Given
    WriteBehind<Integer> buffer = new WriteBehind<>();
    for (int i = 1; i <= 5; i++) {
      buffer.add(i);
    }
    List<List<Integer>> written = new ArrayList<>();

    // When
    buffer.flush(2, written::add);

    // Then
    assertThat(written).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    assertThat(buffer.size()).isZero();
  }

  @Test
  void aBatchWhoseWriteFailsIsWrittenByTheNextFlushInItsOrder() {
    // Given a store that fails on the second batch
    WriteBehind<Integer> buffer = new WriteBehind<>();
    for (int i = 1; i <= 5; i++) {
      buffer.add(i);
    }
    List<Integer> written = new ArrayList<>();
    int[] calls = {0};

    // When
    assertThatThrownBy(
            () ->
                buffer.flush(
                    2,
                    batch -> {
                      if (++calls[0] == 2) {
                        throw new IllegalStateException("store down");
                      }
                      written.addAll(batch);
                    }))
        .hasMessage("store down");
    buffer.add(6);
    buffer.flush(10, written::addAll);

    // Then nothing is lost, and the failed batch keeps its place before later items
    assertThat(written).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void takeAndPutBackKeepTheCount() {
    // Given
    WriteBehind<String> buffer = new WriteBehind<>();
    buffer.add("a");
    buffer.add("b");
    buffer.add("c");

    // When
    List<String> taken = buffer.take(2);
    buffer.putBack(taken);

    // Then
    assertThat(buffer.size()).isEqualTo(3);
    assertThat(buffer.take(10)).containsExactly("a", "b", "c");
  }
}
