package io.sockudo.delta.cli;

import io.sockudo.delta.DeltaCodec;
import io.sockudo.delta.DeltaException;
import io.sockudo.delta.Fossil;
import io.sockudo.delta.Vcdiff;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The codecs as a command, like xdelta3's:
 *
 * <pre>
 * java -jar sockudo-delta.jar encode fossil|vcdiff [--adler32] [--window-size N] BASE TARGET DELTA
 * java -jar sockudo-delta.jar decode fossil|vcdiff [--max-target-size N] BASE DELTA TARGET
 * </pre>
 *
 * <p>{@code -} reads the second file from standard input or writes the output to standard
 * output. Exit status 0 on success, 1 for a bad delta or unreadable file, 2 for bad usage; errors
 * are one line on standard error.
 */
public final class DeltaCli {
  static final int OK = 0;
  static final int BAD_INPUT = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT = String.join(System.lineSeparator(),
      "usage: sockudo-delta encode fossil|vcdiff [--adler32] [--window-size N] BASE TARGET DELTA",
      "       sockudo-delta decode fossil|vcdiff [--max-target-size N] BASE DELTA TARGET",
      "  fossil   Fossil SCM delta format",
      "  vcdiff   VCDIFF (RFC 3284), xdelta3-compatible; also accepted as 'xdelta3'",
      "  --adler32            add xdelta3's Adler-32 window checksum (encode, vcdiff)",
      "  --window-size N      target bytes per VCDIFF window, at most 16777216 (encode, vcdiff)",
      "  --max-target-size N  refuse deltas that produce more than N bytes (decode)",
      "  -                    standard input (TARGET or DELTA) or standard output (the last file)");

  private DeltaCli() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs one command; returns the exit status. Never calls {@link System#exit}. */
  public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
    Command command;
    try {
      command = Command.parse(args);
    } catch (IllegalArgumentException e) {
      stderr.println("sockudo-delta: " + e.getMessage());
      stderr.println(USAGE_TEXT);
      return USAGE;
    }
    if (command == null) {
      stdout.println(USAGE_TEXT);
      return OK;
    }
    try {
      byte[] base = Files.readAllBytes(Path.of(command.files.get(0)));
      byte[] input = read(command.files.get(1), stdin);
      byte[] result = command.encode
          ? command.codec.encode(base, input)
          : command.codec.decode(base, input);
      write(command.files.get(2), result, stdout);
      return OK;
    } catch (DeltaException e) {
      stderr.println("sockudo-delta: " + e.getMessage());
      return BAD_INPUT;
    } catch (NoSuchFileException e) {
      stderr.println("sockudo-delta: no such file: " + e.getFile());
      return BAD_INPUT;
    } catch (IOException | OutOfMemoryError e) {
      stderr.println("sockudo-delta: " + e);
      return BAD_INPUT;
    }
  }

  private static byte[] read(String file, InputStream stdin) throws IOException {
    return file.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
  }

  private static void write(String file, byte[] bytes, OutputStream stdout) throws IOException {
    if (file.equals("-")) {
      stdout.write(bytes);
      stdout.flush();
    } else {
      Files.write(Path.of(file), bytes);
    }
  }

  /** A parsed command line. */
  private static final class Command {
    boolean encode;
    DeltaCodec codec;
    final List<String> files = new ArrayList<>();

    /** Returns null for a help request. */
    static Command parse(String[] args) {
      if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help"))) {
        return null;
      }
      if (args.length < 2) {
        throw new IllegalArgumentException("expected encode|decode and a codec");
      }
      Command c = new Command();
      switch (args[0]) {
        case "encode":
          c.encode = true;
          break;
        case "decode":
          c.encode = false;
          break;
        default:
          throw new IllegalArgumentException("unknown command '" + args[0] + "' (expected encode or decode)");
      }
      boolean adler32 = false;
      int windowSize = -1; // not given
      int maxTarget = Integer.MAX_VALUE - 8; // files, not network input: the JVM's array limit
      for (int i = 2; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--adler32")) {
          adler32 = true;
        } else if (a.equals("--window-size")) {
          windowSize = number(args, ++i, a);
        } else if (a.equals("--max-target-size")) {
          maxTarget = number(args, ++i, a);
        } else if (a.startsWith("--")) {
          throw new IllegalArgumentException("unknown option " + a);
        } else {
          c.files.add(a);
        }
      }
      if (c.files.size() != 3) {
        throw new IllegalArgumentException("expected 3 files, got " + c.files.size());
      }
      if (c.files.get(0).equals("-")) {
        throw new IllegalArgumentException("BASE must be a file");
      }
      switch (args[1]) {
        case Fossil.NAME:
          if (adler32 || windowSize != -1) {
            throw new IllegalArgumentException("--adler32 and --window-size apply to vcdiff only");
          }
          c.codec = DeltaCodec.fossil().withMaxTargetSize(maxTarget);
          break;
        case "vcdiff":
        case Vcdiff.NAME:
          Vcdiff v = adler32 ? Vcdiff.withAdler32() : Vcdiff.plain();
          if (windowSize != -1) {
            v = v.withWindowSize(windowSize);
          }
          c.codec = v.withMaxTargetSize(maxTarget);
          break;
        default:
          throw new IllegalArgumentException("unknown codec '" + args[1] + "' (expected fossil or vcdiff)");
      }
      return c;
    }

    private static int number(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      try {
        return Integer.parseInt(args[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " needs a number, not '" + args[i] + "'");
      }
    }
  }
}
