package io.sockudo.server.ship;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code docker build .} sends as its context: the repository less what
 * {@code .dockerignore} excludes. Patterns as Docker reads them for the forms used here: a path
 * or glob relative to the root, {@code **}/ matching any depth including none; a matching
 * directory is left out with everything in it. Negations ({@code !}) are refused rather than
 * half-supported.
 */
final class BuildContext {

    private BuildContext() {
    }

    static void copy(Path root, Path target) throws IOException {
        List<PathMatcher> ignored = ignoredPatterns(root);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = root.relativize(dir);
                if (!relative.toString().isEmpty() && isIgnored(ignored, relative)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(relative.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = root.relativize(file);
                if (!isIgnored(ignored, relative) && attrs.isRegularFile()) {
                    Files.copy(file, target.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean isIgnored(List<PathMatcher> ignored, Path relative) {
        return ignored.stream().anyMatch(m -> m.matches(relative));
    }

    private static List<PathMatcher> ignoredPatterns(Path root) throws IOException {
        FileSystem fs = FileSystems.getDefault();
        List<PathMatcher> out = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve(".dockerignore"))) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            if (pattern.startsWith("!")) {
                throw new AssertionError(".dockerignore: negated patterns are not understood by this test: " + pattern);
            }
            out.add(fs.getPathMatcher("glob:" + pattern));
            if (pattern.startsWith("**/")) {
                out.add(fs.getPathMatcher("glob:" + pattern.substring(3)));
            }
        }
        return out;
    }
}
