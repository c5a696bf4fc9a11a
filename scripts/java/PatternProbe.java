// Reference oracle for reqlint's Java-regex translation: reports how java.util.regex itself
// full-matches (`Pattern.compile(p).matcher(s).matches()`, as AWS applies model patterns)
// each input of each pattern. Used by Tests/ReqLintCoreTests/JavaRegexParityTests.swift.
//
// Run in source-file mode (Java 11+, no javac step):
//
//     java scripts/java/PatternProbe.java INPUT
//
// INPUT is line-based; every payload is base64 of UTF-8 text, so any character (newlines
// included) survives:
//
//     P <base64 pattern>   starts a pattern
//     I <base64 input>     an input for the latest pattern
//
// Output, on standard output, one line per input: `1` (full match) or `0`. A pattern that
// does not compile prints `E` once instead of answers for its inputs. An input on which the
// matcher itself fails (java.util.regex recurses per repetition of a group, so a very long
// input can overflow even the large stack this runs on) prints `X`: Java gives no answer.
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

public class PatternProbe {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java PatternProbe.java INPUT");
            System.exit(2);
        }
        // java.util.regex recurses once per repetition of a group: run on a 1 GiB stack so
        // inputs of 100,000 characters get an answer rather than a StackOverflowError.
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                probe(Path.of(args[0]));
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "probe", 1L << 30);
        worker.start();
        worker.join();
        if (failure[0] != null) {
            failure[0].printStackTrace();
            System.exit(1);
        }
    }

    static void probe(Path input) throws IOException {
        Base64.Decoder base64 = Base64.getDecoder();
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            Pattern pattern = null;
            boolean failed = false;
            boolean seenPattern = false;
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isEmpty()) continue;
                if (line.length() < 2 || line.charAt(1) != ' ') {
                    throw new IllegalArgumentException("line " + lineNumber + ": malformed");
                }
                String text = new String(base64.decode(line.substring(2)), StandardCharsets.UTF_8);
                switch (line.charAt(0)) {
                    case 'P':
                        seenPattern = true;
                        try {
                            pattern = Pattern.compile(text);
                            failed = false;
                        } catch (PatternSyntaxException e) {
                            pattern = null;
                            failed = true;
                            out.write("E\n");
                        }
                        break;
                    case 'I':
                        if (!seenPattern) {
                            throw new IllegalArgumentException("line " + lineNumber + ": input before any pattern");
                        }
                        if (failed) break;
                        String answer;
                        try {
                            answer = pattern.matcher(text).matches() ? "1\n" : "0\n";
                        } catch (StackOverflowError e) {
                            answer = "X\n";
                        }
                        out.write(answer);
                        break;
                    default:
                        throw new IllegalArgumentException("line " + lineNumber + ": unknown kind " + line.charAt(0));
                }
            }
        }
        out.flush();
    }
}
