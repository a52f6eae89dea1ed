package org.allocationcommons.sync.envelope;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A participant's Ed25519 key pair (JDK provider, no extra library). Its {@link #pubKey()} is the
 * raw 32-byte public key in unpadded base64url (43 characters): the participant's name in paths and
 * documents. Immutable and thread-safe.
 *
 * <p>An identity is kept across runs either as its 32-byte {@link #seed()} (see {@link
 * #fromSeed}) or in a key file ({@link #save}, {@link #load}, {@link #loadOrCreate}): a small text
 * file readable and writable by its owner only (where the file system has POSIX permissions),
 * holding the public key and the seed:
 *
 * <pre>
 * # Allocation Commons identity. Keep this file secret: whoever holds it acts as this participant.
 * pubKey=&lt;43 base64url characters&gt;
 * seed=&lt;43 base64url characters&gt;
 * </pre>
 *
 * Loading checks that the seed gives the recorded public key, so a damaged file is never taken for
 * another participant.
 */
public final class Identity {

  /** Length of an Ed25519 seed (private key) and of a raw public key. */
  public static final int KEY_BYTES = 32;

  /** DER prefix of an X.509 SubjectPublicKeyInfo holding an Ed25519 key (RFC 8410). */
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  /** Largest key file {@link #load} reads; a real one has about 200 bytes. */
  static final int MAX_KEY_FILE_BYTES = 4096;

  private static final Logger log = LoggerFactory.getLogger(Identity.class);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String KEY_FILE_HEADER =
      "# Allocation Commons identity. Keep this file secret: whoever holds it acts as this participant.";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final KeyPair keyPair;
  private final String pubKey;
  private final byte[] seed; // null when the private key does not export its bytes

  private Identity(KeyPair keyPair) {
    this.keyPair = keyPair;
    byte[] raw = rawPublicKey(keyPair.getPublic());
    PubKeys.pointProblem(raw)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("public key " + B64.encodeToString(raw) + ": " + p);
            });
    this.pubKey = B64.encodeToString(raw);
    this.seed =
        keyPair.getPrivate() instanceof EdECPrivateKey k ? k.getBytes().map(byte[]::clone).orElse(null) : null;
  }

  /**
   * A fresh identity from the JDK's strong random source.
   *
   * @return the new identity
   */
  public static Identity generate() {
    return fromKeyPair(generator(new SecureRandom()).generateKeyPair());
  }

  /**
   * The identity whose Ed25519 private key (RFC 8032 seed) is {@code seed}: the same seed always
   * gives the same key, which makes simulations reproducible. Never use predictable seeds for real
   * participants.
   *
   * @param seed the 32-byte Ed25519 seed
   * @return the identity
   * @throws IllegalArgumentException unless the seed has exactly 32 bytes
   */
  public static Identity fromSeed(byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    if (seed.length != KEY_BYTES) {
      throw new IllegalArgumentException("seed has " + seed.length + " bytes: must be exactly " + KEY_BYTES);
    }
    // The JDK's Ed25519 generator draws the 32-byte private key with one nextBytes call and derives
    // the public key from it; a random source that returns the seed makes that derivation ours.
    return fromKeyPair(generator(new FixedRandom(seed)).generateKeyPair());
  }

  /**
   * An identity from an existing Ed25519 key pair.
   *
   * @param keyPair an Ed25519 key pair
   * @return the identity
   * @throws IllegalArgumentException if the key is not Ed25519 or its public key is not a valid
   *     participant key ({@link PubKeys})
   */
  public static Identity fromKeyPair(KeyPair keyPair) {
    Objects.requireNonNull(keyPair, "keyPair");
    if (!"EdDSA".equals(keyPair.getPublic().getAlgorithm())
        && !"Ed25519".equals(keyPair.getPublic().getAlgorithm())) {
      throw new IllegalArgumentException(
          "key algorithm = " + keyPair.getPublic().getAlgorithm() + ": must be Ed25519");
    }
    return new Identity(keyPair);
  }

  /**
   * The public key as unpadded base64url of its raw 32 bytes.
   *
   * @return the public key, unpadded base64url
   */
  public String pubKey() {
    return pubKey;
  }

  /**
   * A copy of the 32-byte Ed25519 seed (RFC 8032 private key): {@code fromSeed(seed())} is this
   * identity again. Secret: whoever holds it acts as this participant.
   *
   * @return a copy of the seed
   * @throws IllegalStateException if the private key does not export its bytes (a key pair from a
   *     hardware token, for example)
   */
  public byte[] seed() {
    if (seed == null) {
      throw new IllegalStateException(
          "the private key of " + pubKey + " (" + keyPair.getPrivate().getClass().getName()
              + ") does not export its bytes: this identity has no seed to give");
    }
    return seed.clone();
  }

  /**
   * The JDK key pair.
   *
   * @return the key pair
   */
  public KeyPair keyPair() {
    return keyPair;
  }

  /**
   * The Ed25519 signature (64 bytes) of {@code data}.
   *
   * @param data the bytes to sign
   * @return the 64-byte signature
   */
  public byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(keyPair.getPrivate());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * Whether {@code signature} is {@code pubKey}'s signature of {@code data}. A malformed key or
   * signature is simply not valid, and so is any signature by a key {@link PubKeys} refuses (a
   * small-order key "signs" everything).
   *
   * @param pubKey the signer's public key
   * @param data the signed bytes
   * @param signature the signature to check
   * @return true when the signature is valid
   */
  public static boolean verify(String pubKey, byte[] data, byte[] signature) {
    if (!PubKeys.isValid(pubKey)) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(publicKey(pubKey));
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The JDK public key named by {@code pubKey}.
   *
   * @param pubKey a participant key, unpadded base64url
   * @return the JDK public key
   * @throws IllegalArgumentException if it is not a valid participant key ({@link PubKeys})
   */
  public static PublicKey publicKey(String pubKey) {
    PubKeys.requireValid("pubKey", pubKey);
    byte[] raw = Base64.getUrlDecoder().decode(pubKey);
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_BYTES);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, KEY_BYTES);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("pubKey = " + pubKey + ": the JDK refuses it as an Ed25519 key", e);
    }
  }

  /**
   * Whether {@code pubKey} is a valid participant key: the same as {@link PubKeys#isValid}.
   *
   * @param pubKey the text to check
   * @return true when it is a valid participant key
   */
  public static boolean isPubKey(String pubKey) {
    return PubKeys.isValid(pubKey);
  }

  // ---------------------------------------------------------------- key files

  /**
   * Writes this identity to {@code file} (created with its folders), readable and writable by the
   * owner only where the file system has POSIX permissions. Durable and atomic: the file either
   * holds this identity completely or was not created. Saving to a file that already holds this
   * identity does nothing.
   *
   * @param file where to keep the identity
   * @throws KeyFileException if the file holds another identity or something that is not a key
   *     file (never overwritten: that would lose a participant), or on any I/O failure
   */
  public void save(Path file) {
    Objects.requireNonNull(file, "file");
    if (Files.exists(file) || !create(file)) { // !create: another process created it meanwhile
      Identity there = load(file);
      if (!there.pubKey.equals(pubKey)) {
        throw new KeyFileException(
            file, "holds identity " + there.pubKey + "; refusing to overwrite it with " + pubKey);
      }
    }
  }

  /**
   * The identity kept in {@code file}.
   *
   * @param file the key file
   * @return the identity
   * @throws KeyFileException naming the file and what is wrong: absent, unreadable, too large, a
   *     missing, repeated or unknown line, a malformed key or seed, or a seed that does not give the
   *     recorded public key
   */
  public static Identity load(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > MAX_KEY_FILE_BYTES) {
        throw new KeyFileException(
            file, "has " + size + " bytes: must have at most " + MAX_KEY_FILE_BYTES + " to be a key file");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read it all
      }
      bytes = Arrays.copyOf(buf.array(), buf.position());
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file, "does not exist", e);
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot be read: " + e, e);
    }
    warnIfOthersCanRead(file);
    Map<String, String> fields = parse(file, new String(bytes, StandardCharsets.UTF_8));
    String recorded = fields.get("pubKey");
    PubKeys.problem(recorded)
        .ifPresent(p -> {
          throw new KeyFileException(file, "pubKey = " + recorded + ": " + p);
        });
    String seedText = fields.get("seed");
    byte[] seed = new byte[KEY_BYTES];
    Optional<String> seedProblem =
        seedText.length() != PubKeys.TEXT_LENGTH
            ? Optional.of("must be " + PubKeys.TEXT_LENGTH + " base64url characters (32 bytes), not " + seedText.length())
            : PubKeys.decodeCanonical(seedText, seed);
    seedProblem.ifPresent(p -> {
      throw new KeyFileException(file, "seed: " + p);
    });
    Identity id = fromSeed(seed);
    Arrays.fill(seed, (byte) 0);
    if (!id.pubKey.equals(recorded)) {
      throw new KeyFileException(
          file, "its seed gives the public key " + id.pubKey + ", not the recorded pubKey " + recorded
              + ": the file is damaged (they must match)");
    }
    return id;
  }

  /**
   * The identity kept in {@code file}, or a fresh one saved there first if the file does not
   * exist. Two processes racing to create it end with the same identity.
   *
   * @param file the key file
   * @return the identity kept there
   * @throws KeyFileException if the file exists but is not a valid key file, or on I/O failure
   */
  public static Identity loadOrCreate(Path file) {
    Objects.requireNonNull(file, "file");
    if (Files.exists(file)) {
      return load(file);
    }
    Identity fresh = generate();
    return fresh.create(file) ? fresh : load(file);
  }

  /** Creates {@code file} holding this identity; false if it appeared meanwhile (left untouched). */
  private boolean create(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    String text =
        KEY_FILE_HEADER + "\npubKey=" + pubKey + "\nseed=" + B64.encodeToString(seed()) + "\n";
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
      FileAttribute<?>[] attrs =
          posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
      tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp", attrs);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.createLink(file, tmp); // atomic, and fails if the file exists: never overwrites
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | IOException e) {
        if (Files.exists(file)) {
          return false;
        }
        Files.move(tmp, file); // no hard links here: without REPLACE_EXISTING, refuses an existing file
        tmp = null;
      }
      forceDirectory(dir);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot be written: " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          log.warn("could not remove the temporary key file {}", tmp, e);
        }
      }
    }
  }

  private static Map<String, String> parse(Path file, String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String name = eq < 0 ? line : line.substring(0, eq).strip();
      if (eq < 0 || !(name.equals("pubKey") || name.equals("seed"))) {
        throw new KeyFileException(
            file, "line " + (i + 1) + ": must be 'pubKey=<key>' or 'seed=<seed>', found "
                + (eq < 0 ? "a line without '='" : "'" + abbreviate(name) + "='"));
      }
      if (fields.put(name, line.substring(eq + 1).strip()) != null) {
        throw new KeyFileException(file, "line " + (i + 1) + ": " + name + " appears twice");
      }
    }
    for (String required : new String[] {"pubKey", "seed"}) {
      if (!fields.containsKey(required)) {
        throw new KeyFileException(file, "must have a '" + required + "=' line");
      }
    }
    return fields;
  }

  private static String abbreviate(String line) {
    // never echo a value: it may be (part of) a secret seed
    return line.length() <= 20 ? line : line.substring(0, 20) + "...";
  }

  private static void warnIfOthersCanRead(Path file) {
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        perms.retainAll(Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE));
        if (!perms.isEmpty()) {
          log.warn("key file {} is accessible to others ({}): it should be readable by its owner only (chmod 600)",
              file, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      // permissions unknown: nothing to warn about
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms (Windows) cannot open a directory; the link is still atomic there.
    }
  }

  /**
   * The private key; for storing the identity.
   *
   * @return the private key
   */
  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  private static byte[] rawPublicKey(PublicKey key) {
    byte[] der = key.getEncoded();
    if (der.length != X509_PREFIX.length + KEY_BYTES) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + der.length + " encoded bytes");
    }
    return Arrays.copyOfRange(der, X509_PREFIX.length, der.length);
  }

  private static KeyPairGenerator generator(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, random);
      return g;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides no Ed25519", e);
    }
  }

  @Override
  public String toString() {
    return "Identity[" + pubKey + "]";
  }

  /** A "random" source that returns a fixed seed: makes key generation deterministic. */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException("expected a request for " + seed.length + " bytes, got " + bytes.length);
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }
  }
}
