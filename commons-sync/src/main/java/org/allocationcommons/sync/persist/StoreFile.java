package org.allocationcommons.sync.persist;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocationcommons.sync.envelope.internal.Digest;

/**
 * The stored-file format: one header line, then the document's JSON.
 *
 * <pre>allocation-commons-store/1 &lt;document&gt; &lt;owner&gt; &lt;length&gt; sha256=&lt;hex&gt;\n&lt;length bytes of JSON&gt;</pre>
 *
 * The SHA-256 covers the header up to the length (with a newline in place of the checksum) and the
 * body, so a change to any byte of the file is detected, and a file cannot pass for another
 * document or another owner.
 */
final class StoreFile {

  static final String FORMAT = "allocation-commons-store/";
  static final String MAGIC = FORMAT + "1";
  /** Longest header this format writes, with room to spare (names are at most 128 characters). */
  static final int MAX_HEADER_BYTES = 512;

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern HEADER =
      Pattern.compile(Pattern.quote(MAGIC) + " (\\S+) (\\S+) ([0-9]{1,10}) sha256=([0-9a-f]{64})");

  private StoreFile() {}

  static byte[] encode(String document, String owner, byte[] body) {
    String covered = MAGIC + " " + document + " " + owner + " " + body.length;
    String header = covered + " sha256=" + sha256(covered, body) + "\n";
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, out, h.length, body.length);
    return out;
  }

  /** The body of a stored file, after checking format, integrity, document and owner. */
  static byte[] decode(Path file, byte[] bytes, String document, String owner) {
    int first = 0;
    while (first < bytes.length && (bytes[first] == ' ' || bytes[first] == '\n' || bytes[first] == '\r' || bytes[first] == '\t')) {
      first++;
    }
    if (first < bytes.length && (bytes[first] == '{' || (bytes[first] & 0xff) == 0xef)) {
      throw new StorageException(StorageException.Problem.NO_HEADER, file,
          "has no integrity header (a file of an earlier format, or not written by this SDK): it cannot be"
              + " checked, so it is not loaded; move it away to start without it");
    }
    int nl = -1;
    for (int i = 0; i < Math.min(bytes.length, MAX_HEADER_BYTES); i++) {
      if (bytes[i] == '\n') {
        nl = i;
        break;
      }
    }
    if (nl < 0) {
      throw corrupt(file, bytes.length == 0 ? "is empty: must start with a '" + MAGIC + " ...' header line"
          : "has no header line: must start with '" + MAGIC + " <document> <owner> <length> sha256=<hex>'");
    }
    String header = new String(bytes, 0, nl, StandardCharsets.ISO_8859_1);
    if (header.startsWith(FORMAT) && !header.startsWith(MAGIC + " ")) {
      throw corrupt(file, "is in format '" + header.split(" ", 2)[0] + "': this SDK reads '" + MAGIC + "'");
    }
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      throw corrupt(file, "has a damaged header '" + abbreviate(header)
          + "': must be '" + MAGIC + " <document> <owner> <length> sha256=<64 hex digits>'");
    }
    long length = Long.parseLong(m.group(3));
    byte[] body = Arrays.copyOfRange(bytes, nl + 1, bytes.length);
    if (body.length != length) {
      throw corrupt(file, "has " + body.length + " bytes after its header, which says " + length
          + ": the file was " + (body.length < length ? "truncated" : "extended") + " after it was written");
    }
    String covered = header.substring(0, header.lastIndexOf(" sha256="));
    String actual = sha256(covered, body);
    if (!actual.equals(m.group(4))) {
      throw corrupt(file, "fails its integrity check (SHA-256 " + actual + ", recorded " + m.group(4)
          + "): its content was changed or damaged after it was written");
    }
    if (!m.group(1).equals(document)) {
      throw new StorageException(StorageException.Problem.WRONG_DOCUMENT, file,
          "holds the document '" + m.group(1) + "', not '" + document + "' as its name says");
    }
    if (!m.group(2).equals(owner)) {
      throw new StorageException(StorageException.Problem.WRONG_OWNER, file,
          "belongs to " + m.group(2) + ", not to " + owner);
    }
    return body;
  }

  private static String sha256(String covered, byte[] body) {
    MessageDigest md = Digest.sha256();
    md.update((covered + "\n").getBytes(StandardCharsets.US_ASCII));
    md.update(body);
    return HexFormat.of().formatHex(md.digest());
  }

  private static StorageException corrupt(Path file, String detail) {
    return new StorageException(StorageException.Problem.CORRUPT, file, detail);
  }

  private static String abbreviate(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= 200 ? printable : printable.substring(0, 200) + "...";
  }
}
