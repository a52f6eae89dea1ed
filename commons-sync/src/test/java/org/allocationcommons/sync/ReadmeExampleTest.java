package org.allocationcommons.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Joining a commons" example, as a new user gets it: the code block is read from
 * {@code README.md} (the fenced block after the {@code <!-- readme-example: QuickStart} marker),
 * compiled with {@link JavaCompiler} against the test classpath, and run with {@code java} in a
 * separate JVM in a fresh working directory, twice: the second run restarts both participants from
 * the storage folder the first one left. Each run must print {@value #PROMISE} and exit 0 within
 * {@value #RUN_TIMEOUT_SECONDS} s. Slow: two JVMs with real threads and the system clock.
 */
@Tag("slow")
class ReadmeExampleTest {

  static final String MARKER = "<!-- readme-example: QuickStart";
  static final String PROMISE = "Bob receives 6.0";
  static final long RUN_TIMEOUT_SECONDS = 60;

  @Test
  void theReadmeExampleCompilesAndPrintsItsPromiseOnTheFirstRunAndAgainFromItsStorage(@TempDir Path tmp)
      throws Exception {
    String source = readmeExample();
    assertThat(source).as("the example uses the public API only").doesNotContain(".internal.");

    Path classes = Files.createDirectories(tmp.resolve("classes"));
    compile(source, classes);

    Path work = Files.createDirectories(tmp.resolve("work"));
    String classpath = classes + File.pathSeparator + testClasspath();
    for (int run = 1; run <= 2; run++) {
      String out = runQuickStart(classpath, work, tmp.resolve("run" + run), run);
      assertThat(out.lines()).as("stdout of run %d", run).contains(PROMISE);
    }
    assertThat(work.resolve("commons-data")).as("the example's storage folder").isDirectory();
  }

  /** The text of the fenced java block following the marker in the repository's README.md. */
  static String readmeExample() throws IOException {
    Path readme = Path.of("").toAbsolutePath().resolveSibling("README.md"); // the module dir is the cwd
    if (!Files.exists(readme)) {
      readme = Path.of("README.md").toAbsolutePath();
    }
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int marker = text.indexOf(MARKER);
    assertThat(marker).as("marker '%s' in %s", MARKER, readme).isNotNegative();
    int fence = text.indexOf("```java\n", marker);
    assertThat(fence).as("a ```java block after the marker in %s", readme).isNotNegative();
    int start = fence + "```java\n".length();
    int end = text.indexOf("\n```", start);
    assertThat(end).as("the end of the ```java block in %s", readme).isGreaterThan(start);
    return text.substring(start, end + 1);
  }

  private static void compile(String source, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK's compiler (tests run on a JDK)").isNotNull();
    JavaFileObject file =
        new SimpleJavaFileObject(URI.create("string:///QuickStart.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of("-proc:none", "-Xlint:all", "-d", classes.toString(), "-cp", testClasspath());
      boolean ok = javac.getTask(diagnostics, files, null, options, null, List.of(file)).call();
      assertThat(ok).as("the README example compiles:%n%s%n--- source ---%n%s", diagnostics, source).isTrue();
    }
  }

  /** Runs QuickStart in {@code work}; returns its stdout, failing with both streams if it fails. */
  private static String runQuickStart(String classpath, Path work, Path logs, int run) throws Exception {
    Files.createDirectories(logs);
    Path stdout = logs.resolve("stdout.txt");
    Path stderr = logs.resolve("stderr.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, "-cp", classpath, "QuickStart")
            .directory(work.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    long started = System.nanoTime();
    boolean exited = p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String out = Files.readString(stdout);
    String err = Files.readString(stderr);
    System.out.printf("README example run %d: %d ms, exit %s%n", run, millis, exited ? p.exitValue() : "timeout");
    String report =
        String.format("run %d %s after %d ms%n--- stdout ---%n%s--- stderr ---%n%s", run,
            exited ? "exited with " + p.exitValue() : "timed out (killed)", millis, out, err);
    assertThat(exited).as(report).isTrue();
    assertThat(p.exitValue()).as(report).isZero();
    assertThat(out.lines()).as(report).contains(PROMISE);
    return out;
  }

  /** Surefire's test classpath (its booter may put a manifest-only jar on java.class.path). */
  private static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
