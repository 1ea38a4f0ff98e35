package dev.ringgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ringgate.account.ApiKeyService;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyHasherTest {
  @Test
  void theSameKeyHashesTheSameUnderOnePepper() {
    KeyHasher hasher = new KeyHasher("pepper-one".getBytes(StandardCharsets.UTF_8));
    assertThat(hasher.hash("rg_abc")).isEqualTo(hasher.hash("rg_abc")).hasSize(64);
  }

  @Test
  void anotherPepperGivesAnotherHash() {
    KeyHasher one = new KeyHasher("pepper-one".getBytes(StandardCharsets.UTF_8));
    KeyHasher two = new KeyHasher("pepper-two".getBytes(StandardCharsets.UTF_8));
    assertThat(one.hash("rg_abc")).isNotEqualTo(two.hash("rg_abc"));
  }

  @Test
  void generatedKeysCarry256RandomBits() {
    String key = ApiKeyService.newSecret();
    assertThat(key).startsWith("rg_").hasSize(3 + 43).matches("rg_[A-Za-z0-9_-]{43}");
    assertThat(ApiKeyService.newSecret()).isNotEqualTo(key);
  }
}
