package dev.rwsh.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages form a layered graph: no package depends on one that depends on it,
 * directly or through others (issue 14: "no import running back up"). Dependencies are read from
 * the sources of {@code src/main/java}: imports (plain, static, wildcard) and fully qualified names
 * in code. A failure names each cycle and, for each step, a file that makes it.
 */
class PackageCyclesTest {
    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final String ROOT = "dev.rwsh.commands";

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A name below ROOT: lower-case segments are the package, the first upper-case one (or '*') ends it. */
    private static final Pattern REFERENCE = Pattern.compile("(?<![\\w.])(" + Pattern.quote(ROOT) + "(?:\\.[a-z_][\\w]*)*)\\.(?:[A-Z]|\\*)");
    /** String and character literals and comments, removed before looking for names. */
    private static final Pattern NOISE = Pattern.compile("\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'|/\\*(?s:.*?)\\*/|//[^\\n]*");

    /** package -> package it uses -> a file that uses it */
    record Graph(Map<String, Map<String, String>> edges) {
    }

    @Test
    void noPackageDependsOnOneThatDependsOnIt() {
        Graph graph = read(MAIN_SOURCES);
        List<String> cycles = cycles(graph);
        assertTrue(cycles.isEmpty(), "package cycles in commands/src/main/java:\n  " + String.join("\n  ", cycles));
    }

    @Test
    void findsAndNamesACycle(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        write(dir, "a", "A", "import " + ROOT + ".b.B;");
        write(dir, "b", "B", "class UsesC { " + ROOT + ".c.C c; }");
        write(dir, "c", "C", "import static " + ROOT + ".a.A.f;");
        write(dir, "d", "D", "import " + ROOT + ".a.*; // " + ROOT + ".d.X in a comment is no dependency");
        List<String> cycles = cycles(read(dir));
        assertEquals(List.of(ROOT + ".a -> " + ROOT + ".b (a/A.java) -> " + ROOT + ".c (b/B.java) -> " + ROOT + ".a (c/C.java)"), cycles);
    }

    private static void write(Path dir, String pkg, String type, String body) throws IOException {
        Path file = dir.resolve(pkg).resolve(type + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package " + ROOT + "." + pkg + ";\n" + body + "\nclass " + type + " {}\n");
    }

    static Graph read(Path sources) {
        Map<String, Map<String, String>> edges = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(files.size() > 3, "no sources under " + sources.toAbsolutePath());
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher pkg = PACKAGE.matcher(text);
            if (!pkg.find()) {
                continue;
            }
            String from = pkg.group(1);
            Map<String, String> out = edges.computeIfAbsent(from, k -> new TreeMap<>());
            Matcher ref = REFERENCE.matcher(NOISE.matcher(text).replaceAll(" "));
            while (ref.find()) {
                String to = ref.group(1);
                if (!to.equals(from)) {
                    out.putIfAbsent(to, sources.relativize(file).toString());
                }
            }
        }
        return new Graph(edges);
    }

    /** One shortest cycle through each strongly connected component of more than one package. */
    static List<String> cycles(Graph graph) {
        List<String> found = new ArrayList<>();
        for (Set<String> component : components(graph)) {
            String start = component.iterator().next();
            found.add(shortestCycle(graph, component, start));
        }
        return found;
    }

    private static String shortestCycle(Graph graph, Set<String> component, String start) {
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.removeFirst();
            for (String next : graph.edges().getOrDefault(at, Map.of()).keySet()) {
                if (!component.contains(next)) {
                    continue;
                }
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(at));
                    while (!path.get(0).equals(start)) {
                        path.add(0, parent.get(path.get(0)));
                    }
                    path.add(start);
                    StringBuilder text = new StringBuilder(start);
                    for (int i = 1; i < path.size(); i++) {
                        text.append(" -> ").append(path.get(i)).append(" (")
                                .append(graph.edges().get(path.get(i - 1)).get(path.get(i))).append(')');
                    }
                    return text.toString();
                }
                if (!parent.containsKey(next)) {
                    parent.put(next, at);
                    queue.addLast(next);
                }
            }
        }
        throw new IllegalStateException("no cycle through " + start + " in " + component);
    }

    /** Tarjan's strongly connected components, keeping those of two or more packages. */
    private static List<Set<String>> components(Graph graph) {
        Set<String> nodes = new TreeSet<>(graph.edges().keySet());
        graph.edges().values().forEach(out -> nodes.addAll(out.keySet()));
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> result = new ArrayList<>();
        for (String node : nodes) {
            if (!index.containsKey(node)) {
                connect(graph, node, index, low, stack, onStack, result);
            }
        }
        return result;
    }

    private static void connect(Graph graph, String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, List<Set<String>> result) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.edges().getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                connect(graph, w, index, low, stack, onStack, result);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                result.add(component);
            }
        }
    }
}
