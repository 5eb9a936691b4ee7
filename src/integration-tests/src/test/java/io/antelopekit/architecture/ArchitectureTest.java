package io.antelopekit.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module graph, checked on the compiled classes of every published module: dependencies run
 * one way (core &lt;- client &lt;- session &lt;- redis &lt;- spring; the MVStore store on the client
 * alone; the Contract Kit on the session module; the code generator on
 * core alone; the devnet on core alone; the test kit on the session module and the devnet), each
 * package lives in exactly one module, and no cycle between packages appears
 * ({@link #KNOWN_CYCLES} is empty).
 */
class ArchitectureTest {

    /** Each module's packages ({@code ..} takes sub-packages too). */
    static final Map<String, String[]> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("core", new String[] {"io.antelopekit", "io.antelopekit.internal..", "io.antelopekit.chain..", "io.antelopekit.abi..",
                "io.antelopekit.crypto..", "io.antelopekit.api.model.."});
        MODULES.put("client", new String[] {"io.antelopekit.api", "io.antelopekit.stream..", "io.antelopekit.storage.."});
        MODULES.put("session", new String[] {"io.antelopekit.plugin..", "io.antelopekit.session..",
                "io.antelopekit.wallet..", "io.antelopekit.esr", "io.antelopekit.transact..", "io.antelopekit.ui..",
                "io.antelopekit.account..", "io.antelopekit.signin.."});
        MODULES.put("redis", new String[] {"io.antelopekit.redis.."});
        MODULES.put("mvstore", new String[] {"io.antelopekit.mvstore.."});
        MODULES.put("contract", new String[] {"io.antelopekit.contract.."});
        MODULES.put("codegen", new String[] {"io.antelopekit.codegen.."});
        MODULES.put("kafka", new String[] {"io.antelopekit.kafka.."});
        MODULES.put("kafka-test", new String[] {"io.antelopekit.kafkatest.."});
        MODULES.put("spring-boot-autoconfigure", new String[] {"io.antelopekit.spring.."});
        MODULES.put("devnet", new String[] {"io.antelopekit.devnet.."});
        MODULES.put("test", new String[] {"io.antelopekit.test..", "io.antelopekit.esr.testing.."});
    }

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/examples/"))
                .importPackages("io.antelopekit");
    }

    @Test
    void dependenciesRunOneWay() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy(MODULES.get("core"))
                .layer("client").definedBy(MODULES.get("client"))
                .layer("session").definedBy(MODULES.get("session"))
                .layer("redis").definedBy(MODULES.get("redis"))
                .layer("mvstore").definedBy(MODULES.get("mvstore"))
                .layer("contract").definedBy(MODULES.get("contract"))
                .layer("codegen").definedBy(MODULES.get("codegen"))
                .layer("kafka").definedBy(MODULES.get("kafka"))
                .layer("kafka-test").definedBy(MODULES.get("kafka-test"))
                .layer("spring").definedBy(MODULES.get("spring-boot-autoconfigure"))
                .layer("devnet").definedBy(MODULES.get("devnet"))
                .layer("test").definedBy(MODULES.get("test"))
                .whereLayer("core").mayOnlyBeAccessedByLayers("client", "session", "redis", "mvstore", "contract", "codegen", "kafka",
                        "spring", "devnet", "test")
                .whereLayer("client").mayOnlyBeAccessedByLayers("session", "redis", "mvstore", "contract", "kafka", "spring", "test")
                .whereLayer("session").mayOnlyBeAccessedByLayers("redis", "contract", "kafka", "spring", "test")
                .whereLayer("redis").mayOnlyBeAccessedByLayers("spring")
                .whereLayer("mvstore").mayNotBeAccessedByAnyLayer()
                .whereLayer("contract").mayNotBeAccessedByAnyLayer()
                .whereLayer("codegen").mayNotBeAccessedByAnyLayer()
                .whereLayer("kafka").mayNotBeAccessedByAnyLayer()
                .whereLayer("kafka-test").mayNotBeAccessedByAnyLayer()
                .whereLayer("devnet").mayOnlyBeAccessedByLayers("test")
                .whereLayer("spring").mayNotBeAccessedByAnyLayer()
                .whereLayer("test").mayNotBeAccessedByAnyLayer();
        rule.check(classes);
    }

    /** Every class is in the module its package belongs to: no package is split between two jars. */
    @Test
    void eachPackageLivesInOneModule() {
        List<String> misplaced = new ArrayList<>();
        int checked = 0;
        for (JavaClass c : classes) {
            URI source = c.getSource().map(s -> s.getUri()).orElse(null);
            if (source == null) {
                continue;
            }
            String module = moduleOf(c.getPackageName());
            String where = source.toString();
            boolean inIt = where.contains("/src/" + module + "/target/") || where.contains("/antelopekit-" + module + "-");
            checked++;
            if (!inIt) {
                misplaced.add(c.getName() + " (package of " + module + ") is in " + where);
            }
        }
        assertThat(checked).as("classes checked").isGreaterThan(300);
        assertThat(misplaced).isEmpty();
    }

    /**
     * The package cycles allowed: none. Issue 19 broke the last two: actions and transactions
     * moved above {@code chain}, {@code abi} and {@code crypto} (to {@code chain.transaction}),
     * and the plugin SPI's contexts became interfaces of {@code plugin} that {@code session}
     * implements.
     */
    static final List<Set<String>> KNOWN_CYCLES = List.of();

    /** No cycle between packages (the strongly connected parts of the package graph) but the known ones. */
    @Test
    void noNewPackageCycles() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (JavaClass c : classes) {
            Set<String> out = graph.computeIfAbsent(c.getPackageName(), k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = d.getTargetClass().getPackageName();
                if (to.startsWith("io.antelopekit") && !to.equals(c.getPackageName())) {
                    out.add(to);
                }
            }
        }
        assertThat(graph).as("packages imported").hasSizeGreaterThan(15);
        List<String> cycles = new ArrayList<>();
        for (Set<String> part : stronglyConnected(graph)) {
            if (part.size() > 1 && KNOWN_CYCLES.stream().noneMatch(k -> k.containsAll(part))) {
                cycles.add(part + ": " + edgesWithin(graph, part));
            }
        }
        assertThat(cycles).as("package cycles outside " + KNOWN_CYCLES).isEmpty();
    }

    /** The checker itself: a graph with a cycle outside the known ones is reported. */
    @Test
    void aNewCycleWouldBeFound() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("io.antelopekit.api", new TreeSet<>(Set.of("io.antelopekit.stream")));
        graph.put("io.antelopekit.stream", new TreeSet<>(Set.of("io.antelopekit.api", "io.antelopekit.chain")));
        graph.put("io.antelopekit.chain", new TreeSet<>(Set.of("io.antelopekit.abi")));
        graph.put("io.antelopekit.abi", new TreeSet<>(Set.of("io.antelopekit.chain")));
        assertThat(stronglyConnected(graph)).contains(Set.of("io.antelopekit.api", "io.antelopekit.stream"),
                Set.of("io.antelopekit.chain", "io.antelopekit.abi"));
    }

    /** Tarjan's strongly connected components of {@code graph}. */
    static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> parts = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, parts, counter);
            }
        }
        return parts;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> parts, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, parts, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> part = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                part.add(w);
            } while (!w.equals(v));
            parts.add(part);
        }
    }

    private static List<String> edgesWithin(Map<String, Set<String>> graph, Set<String> part) {
        List<String> edges = new ArrayList<>();
        for (String from : part) {
            for (String to : graph.getOrDefault(from, Set.of())) {
                if (part.contains(to)) {
                    edges.add(from + " -> " + to);
                }
            }
        }
        return edges;
    }

    static String moduleOf(String pkg) {
        String found = null;
        int best = -1;
        for (Map.Entry<String, String[]> e : MODULES.entrySet()) {
            for (String p : e.getValue()) {
                boolean deep = p.endsWith("..");
                String base = deep ? p.substring(0, p.length() - 2) : p;
                boolean match = deep ? pkg.equals(base) || pkg.startsWith(base + ".") : pkg.equals(base);
                if (match && base.length() > best) {
                    best = base.length();
                    found = e.getKey();
                }
            }
        }
        if (found == null) {
            throw new AssertionError("package " + pkg + " belongs to no module in ArchitectureTest.MODULES");
        }
        return found;
    }
}
