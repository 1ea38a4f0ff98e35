package dev.ringgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.kernel.Ids;
import dev.ringgate.kernel.Patterns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void idsMatchTheIdFormAndAreUnique() {
    HashSet<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = Ids.next("rel");
      assertThat(id).matches(Patterns.ID).startsWith("rel_").hasSize(30);
      assertThat(seen.add(id)).isTrue();
    }
  }

  @Test
  void idsOfLaterMillisecondsSortAfterEarlierOnes() throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(Ids.next("rol"));
      Thread.sleep(2);
    }
    assertThat(ids).isSorted();
  }
}
