package dev.ringgate.relay;

import dev.ringgate.store.Store;
import dev.ringgate.store.StoreException;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The upstream's own Ed25519 key for sync documents: made on first use and kept in the store's
 * settings, so that every replica signs with the same key. Its public half is what relays trust.
 */
@Singleton
public class UpstreamSigningKey {
  static final String PRIVATE_SETTING = "relay-signing-key";
  static final String PUBLIC_SETTING = "relay-signing-public-key";

  private final Store store;
  private volatile PrivateKey privateKey;
  private volatile String publicKey;

  UpstreamSigningKey(Store store) {
    this.store = store;
  }

  /** Signs a document's JSON. */
  public SignedSync sign(String json) {
    load();
    return SignedSync.sign(json, privateKey, publicKey);
  }

  /** The public key relays trust: base64 of its X.509 form. */
  public String publicKey() {
    load();
    return publicKey;
  }

  private synchronized void load() {
    if (privateKey != null) {
      return;
    }
    String[] pair;
    try {
      pair =
          store.inTransaction(
              c -> {
                var existing = stored(c);
                return existing.isPresent() ? existing.get() : create(c);
              });
    } catch (StoreException e) {
      // another replica made it at the same moment: read theirs
      pair = store.read(c -> stored(c).orElseThrow(() -> e));
    }
    try {
      privateKey =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pair[0])));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the stored relay signing key cannot be read", e);
    }
    publicKey = pair[1];
  }

  private static java.util.Optional<String[]> stored(java.sql.Connection c)
      throws java.sql.SQLException {
    var priv = RelayStore.setting(c, PRIVATE_SETTING);
    var pub = RelayStore.setting(c, PUBLIC_SETTING);
    return priv.isPresent() && pub.isPresent()
        ? java.util.Optional.of(new String[] {priv.get(), pub.get()})
        : java.util.Optional.empty();
  }

  private static String[] create(java.sql.Connection c) throws java.sql.SQLException {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      String priv = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
      String pub = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
      RelayStore.insertSetting(c, PRIVATE_SETTING, priv);
      RelayStore.insertSetting(c, PUBLIC_SETTING, pub);
      return new String[] {priv, pub};
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the relay signing key", e);
    }
  }
}
