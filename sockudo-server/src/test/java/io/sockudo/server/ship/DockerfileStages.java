package io.sockudo.server.ship;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of a Dockerfile, stage by stage: enough of the format to run a build stage's
 * commands outside Docker and to check what the runtime stage declares. Line continuations and
 * comments are handled; {@code RUN --mount=...} flags are dropped, since they only concern
 * Docker's caches.
 */
record DockerfileStages(Map<String, List<Instruction>> stages) {

    record Instruction(String keyword, String arguments) {
    }

    private static final Pattern FROM = Pattern.compile("(?i)\\S+\\s+AS\\s+(\\S+)");
    private static final Pattern RUN_FLAG = Pattern.compile("^--\\w+=\\S+\\s+");

    static DockerfileStages read(Path dockerfile) throws IOException {
        Map<String, List<Instruction>> stages = new LinkedHashMap<>();
        List<Instruction> current = null;
        StringBuilder line = new StringBuilder();
        for (String raw : Files.readAllLines(dockerfile)) {
            String trimmed = raw.strip();
            if (line.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                line.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            line.append(trimmed);
            String full = line.toString().strip();
            line.setLength(0);
            int space = full.indexOf(' ');
            String keyword = full.substring(0, space).toUpperCase(java.util.Locale.ROOT);
            String arguments = full.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                Matcher m = FROM.matcher(arguments);
                current = new ArrayList<>();
                stages.put(m.matches() ? m.group(1) : "stage" + stages.size(), current);
                current.add(new Instruction(keyword, arguments));
            } else if (current != null) {
                if (keyword.equals("RUN")) {
                    for (Matcher f = RUN_FLAG.matcher(arguments); f.find(); f = RUN_FLAG.matcher(arguments)) {
                        arguments = arguments.substring(f.end());
                    }
                }
                current.add(new Instruction(keyword, arguments));
            }
        }
        return new DockerfileStages(Map.copyOf(stages));
    }

    List<Instruction> stage(String name) {
        List<Instruction> stage = stages.get(name);
        if (stage == null) {
            throw new AssertionError("the Dockerfile has no stage named " + name + ": " + stages.keySet());
        }
        return stage;
    }

    List<String> all(String stage, String keyword) {
        return stage(stage).stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The stage's {@code ENV} settings ({@code KEY=VALUE} pairs, values unquoted). */
    Map<String, String> env(String stage) {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");
        for (String arguments : all(stage, "ENV")) {
            Matcher m = pair.matcher(arguments);
            while (m.find()) {
                String value = m.group(2);
                env.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
            }
        }
        return env;
    }
}
