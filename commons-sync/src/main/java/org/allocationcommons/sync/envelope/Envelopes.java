package org.allocationcommons.sync.envelope;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.InvalidDocumentException;
import org.allocationcommons.sync.codec.Violation;
import org.allocationcommons.sync.document.DocumentType;
import org.allocationcommons.sync.envelope.internal.Recognition;
import org.allocationcommons.sync.spi.DocumentPaths;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Seals documents into signed envelopes and opens them again, refusing anything not authentic or
 * not valid. The wire form is
 *
 * <pre>{@code {"path": "~<pubKey>/allocation/commitment", "author": "<pubKey>", "payload": {...}, "sig": "<base64url>"}}</pre>
 *
 * <p>The signature is Ed25519 over the canonical bytes {@code UTF-8(path) || 0x00 || payload},
 * where {@code payload} is the exact byte range of the payload object in the envelope, so no JSON
 * re-serialisation is needed to check it and any change to path or document breaks it. Opening
 * checks, in order: size, envelope shape, path (valid, and the one delivered at), author (owner of
 * the path, and a valid participant key: {@link PubKeys}), signature (86 canonical base64url
 * characters, verifying), document validity, author named in the document. Sealing refuses to
 * produce an envelope that opening would reject as oversized. Thread-safe.
 *
 * <p>Opening does the expensive work (verify, parse, validate) for every call: a node puts an
 * {@code org.allocationcommons.sync.inbound.InboundGuard} in front of it so that replays cost a
 * hash, and a simulator shares a {@link VerificationCache} between its nodes.
 */
public final class Envelopes {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  /** Length of a signature's text: 64 bytes in unpadded base64url. */
  static final int SIG_TEXT_LENGTH = 86;

  /** Envelope bytes besides path, author, payload and signature text. */
  private static final int FIXED_OVERHEAD =
      "{\"path\":\"\",\"author\":\"\",\"payload\":,\"sig\":\"\"}".length();

  private final Codec codec;
  private final VerificationCache cache; // null: verify every time

  private Envelopes(Codec codec, VerificationCache cache) {
    this.codec = codec;
    this.cache = cache;
  }

  /**
   * Envelopes whose documents are read, written and limited by {@code codec}.
   *
   * @param codec reads, writes and limits the documents
   * @return the envelopes
   */
  public static Envelopes using(Codec codec) {
    return new Envelopes(Objects.requireNonNull(codec, "codec"), null);
  }

  /**
   * The same envelopes, answering signature checks from {@code cache} when the exact same
   * (key, signature, signed bytes) verified before: share one cache between many nodes of one JVM
   * so each document is verified once. Every other check still runs on every open.
   *
   * @param cache the cache of verified signatures
   * @return envelopes using the cache
   */
  public Envelopes withVerificationCache(VerificationCache cache) {
    return new Envelopes(codec, Objects.requireNonNull(cache, "cache"));
  }

  /**
   * The codec.
   *
   * @return the codec documents are read, written and limited by
   */
  public Codec codec() {
    return codec;
  }

  /**
   * Validates {@code document}, signs it as {@code author} for {@code path} and returns the envelope
   * bytes.
   *
   * @param author the identity signing
   * @param path the document path, owned by {@code author}
   * @param document the document to seal
   * @return the envelope bytes
   * @throws IllegalArgumentException if the path is invalid or not owned by {@code author}, or the
   *     document's type does not belong at the path
   * @throws InvalidDocumentException if the document is invalid, or carries recognition weights that
   *     opening would refuse (keys that are not participant keys, the author itself)
   * @throws OversizedEnvelopeException if the envelope would exceed the codec's size limit (every
   *     peer would reject it); nothing is signed then
   */
  public byte[] seal(Identity author, String path, Object document) {
    DocumentPaths.requireValid(path);
    String owner = DocumentPaths.owner(path).orElseThrow();
    if (!owner.equals(author.pubKey())) {
      throw new IllegalArgumentException(
          "path = " + path + ": owned by " + owner + ", cannot be signed by " + author.pubKey());
    }
    DocumentType type = DocumentType.ofPath(path).orElseThrow();
    if (!type.javaType().isInstance(document)) {
      throw new IllegalArgumentException(
          "document of type " + document.getClass().getSimpleName() + " does not belong at " + path
              + " (expects " + type.javaType().getSimpleName() + ")");
    }
    DocumentType.namedAuthor(document)
        .filter(a -> !a.equals(author.pubKey()))
        .ifPresent(
            a -> {
              throw new IllegalArgumentException(
                  "document names author " + a + " but is signed by " + author.pubKey());
            });
    List<Violation> recognition = Recognition.ofDocument(document); // peers would refuse it
    if (!recognition.isEmpty()) {
      throw new InvalidDocumentException(type.javaType().getSimpleName(), recognition);
    }
    byte[] payload = codec.write(document);
    long size = (long) FIXED_OVERHEAD + path.length() + author.pubKey().length() + payload.length + SIG_TEXT_LENGTH;
    if (size > codec.maxDocumentBytes()) {
      throw new OversizedEnvelopeException(path, size, codec.maxDocumentBytes());
    }
    byte[] sig = author.sign(signedBytes(path, payload));
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 256);
    writeAscii(out, "{\"path\":");
    writeAscii(out, quote(path));
    writeAscii(out, ",\"author\":");
    writeAscii(out, quote(author.pubKey()));
    writeAscii(out, ",\"payload\":");
    out.writeBytes(payload);
    writeAscii(out, ",\"sig\":\"");
    writeAscii(out, B64.encodeToString(sig));
    writeAscii(out, "\"}");
    byte[] envelope = out.toByteArray();
    if (envelope.length != size) {
      throw new IllegalStateException("envelope size " + envelope.length + " != computed " + size);
    }
    return envelope;
  }

  /**
   * Opens an envelope delivered at {@code deliveredPath}.
   *
   * @param deliveredPath the path the envelope arrived at
   * @param envelope the envelope bytes
   * @return the verified, decoded document
   * @throws RejectedEnvelopeException with the reason and details if any check fails
   */
  public Opened open(String deliveredPath, byte[] envelope) {
    Objects.requireNonNull(envelope, "envelope");
    String where = String.valueOf(deliveredPath);
    if (envelope.length > codec.maxDocumentBytes()) {
      throw RejectedEnvelopeException.of(
          Rejection.OVERSIZED, where, "", envelope.length + " bytes",
          "must be at most " + codec.maxDocumentBytes() + " bytes");
    }
    String path = null;
    String author = null;
    String sig = null;
    int payloadStart = -1;
    int payloadEnd = -1;
    try (JsonParser p = codec.factory().createParser(envelope)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(where, "", "an envelope must be a JSON object");
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "path" -> path = text(p, t, where, name);
          case "author" -> author = text(p, t, where, name);
          case "sig" -> sig = text(p, t, where, name);
          case "payload" -> {
            if (t != JsonToken.START_OBJECT) {
              throw malformed(where, "payload", "must be a JSON object");
            }
            payloadStart = (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            payloadEnd = (int) p.currentTokenLocation().getByteOffset() + 1;
          }
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw malformed(where, "", "trailing content after the envelope");
      }
    } catch (StreamConstraintsException e) {
      throw RejectedEnvelopeException.of(Rejection.MALFORMED, where, "", "", e.getOriginalMessage());
    } catch (JacksonException e) {
      throw RejectedEnvelopeException.of(Rejection.MALFORMED, where, "", "", e.getOriginalMessage());
    }
    if (path == null || author == null || sig == null || payloadStart < 0) {
      throw malformed(where, path == null ? "path" : author == null ? "author" : sig == null ? "sig" : "payload",
          "is required");
    }
    if (DocumentPaths.owner(path).isEmpty()) {
      throw RejectedEnvelopeException.of(Rejection.WRONG_PATH, where, "path", path, "not a commons document path");
    }
    if (deliveredPath != null && !deliveredPath.equals(path)) {
      throw RejectedEnvelopeException.of(
          Rejection.WRONG_PATH, where, "path", path, "must equal the path it was delivered at");
    }
    String owner = DocumentPaths.owner(path).orElseThrow();
    if (!owner.equals(author)) {
      throw RejectedEnvelopeException.of(
          Rejection.WRONG_AUTHOR, where, "author", author, "must be the owner of the path, " + owner);
    }
    Optional<String> keyProblem = PubKeys.problem(author);
    if (keyProblem.isPresent()) {
      throw RejectedEnvelopeException.of(Rejection.INVALID_KEY, where, "author", author, keyProblem.get());
    }
    byte[] payload = Arrays.copyOfRange(envelope, payloadStart, payloadEnd);
    byte[] signature = decodeSignature(sig, where);
    byte[] signed = signedBytes(path, payload);
    boolean verified = cache == null ? Identity.verify(author, signed, signature) : cache.verify(author, signed, signature);
    if (!verified) {
      throw RejectedEnvelopeException.of(
          Rejection.BAD_SIGNATURE, where, "sig", sig, "must be the author's Ed25519 signature of path and payload");
    }
    DocumentType type = DocumentType.ofPath(path).orElseThrow();
    Object document;
    try {
      document = codec.read(payload, type.javaType());
    } catch (InvalidDocumentException e) {
      throw new RejectedEnvelopeException(Rejection.INVALID_DOCUMENT, where, e.violations());
    }
    List<Violation> recognition = Recognition.ofDocument(document); // what the local API refuses
    if (!recognition.isEmpty()) {
      throw new RejectedEnvelopeException(Rejection.INVALID_DOCUMENT, where, recognition);
    }
    String named = DocumentType.namedAuthor(document).orElse(author);
    if (!named.equals(author)) {
      String field = type == DocumentType.INVITATION ? "payload.sponsor" : "payload.pubKey";
      throw RejectedEnvelopeException.of(
          Rejection.WRONG_AUTHOR, where, field, named, "must be the signer, " + author);
    }
    return new Opened(path, author, type, document, payload);
  }

  /**
   * The bytes an envelope's signature covers: {@code UTF-8(path) || 0x00 || payload}.
   *
   * @param path the document path
   * @param payload the document bytes
   * @return the signed bytes
   */
  public static byte[] signedBytes(String path, byte[] payload) {
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[p.length + 1 + payload.length];
    System.arraycopy(p, 0, out, 0, p.length);
    System.arraycopy(payload, 0, out, p.length + 1, payload.length);
    return out;
  }

  /** The 64 bytes of a signature given in its only canonical text: 86 base64url characters. */
  private static byte[] decodeSignature(String sig, String where) {
    String rule = "must be " + SIG_TEXT_LENGTH + " base64url characters (a 64-byte Ed25519 signature) in canonical form";
    if (sig.length() != SIG_TEXT_LENGTH || sig.indexOf('=') >= 0) {
      throw RejectedEnvelopeException.of(Rejection.BAD_SIGNATURE, where, "sig", sig, rule);
    }
    byte[] signature;
    try {
      signature = B64D.decode(sig);
    } catch (IllegalArgumentException e) {
      throw RejectedEnvelopeException.of(Rejection.BAD_SIGNATURE, where, "sig", sig, rule);
    }
    if (!B64.encodeToString(signature).equals(sig)) { // non-zero spare bits: 16 texts for one signature
      throw RejectedEnvelopeException.of(Rejection.BAD_SIGNATURE, where, "sig", sig, rule);
    }
    return signature;
  }

  private static String text(JsonParser p, JsonToken t, String where, String name) {
    if (t != JsonToken.VALUE_STRING) {
      throw malformed(where, name, "must be a string");
    }
    return p.getString();
  }

  private static RejectedEnvelopeException malformed(String where, String field, String rule) {
    return RejectedEnvelopeException.of(Rejection.MALFORMED, where, field, "", rule);
  }

  private static String quote(String s) {
    // paths and keys are base64url/ASCII by construction (checked by DocumentPaths); no escaping needed
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
        throw new IllegalArgumentException("'" + s + "' contains a character not allowed in paths and keys");
      }
    }
    return "\"" + s + "\"";
  }

  private static void writeAscii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }
}
