package org.vivier.opensearch;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A local OpenSearch 2.19 node for development, started from Maven Central jars (see pom.xml).
 *
 * <p>Settings come from system properties (defaults in brackets):
 * <ul>
 *   <li>{@code vivier.os.cluster} [vivier], {@code vivier.os.node} [node-1]</li>
 *   <li>{@code vivier.os.var} [var/opensearch]: home and data go under {@code <var>/<node>}</li>
 *   <li>{@code vivier.os.host} [127.0.0.1], {@code vivier.os.http.port} [9200],
 *       {@code vivier.os.transport.port} [9300]</li>
 *   <li>{@code vivier.os.seed.hosts} and {@code vivier.os.initial.managers} (comma-separated): when
 *       seed hosts are given, the node joins a multi-node cluster instead of
 *       {@code discovery.type: single-node}</li>
 * </ul>
 * Any argument {@code -Ekey=value} (or {@code key=value}) is passed to the node as a setting and wins.
 */
public final class Launcher {

    /** Node's plugin-taking constructor is protected: the usual embedded-node subclass. */
    static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment environment, List<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    private static String prop(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static Settings settings(String[] args) {
        String nodeName = prop("vivier.os.node", "node-1");
        Path home = Path.of(prop("vivier.os.var", "var/opensearch")).resolve(nodeName).toAbsolutePath();
        Settings.Builder builder = Settings.builder()
            .put("cluster.name", prop("vivier.os.cluster", "vivier"))
            .put("node.name", nodeName)
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", prop("vivier.os.host", "127.0.0.1"))
            .put("http.port", prop("vivier.os.http.port", "9200"))
            .put("transport.port", prop("vivier.os.transport.port", "9300"))
            // A dev laptop's disk is often more than 90% full: do not turn indices read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false);
        String seeds = prop("vivier.os.seed.hosts", "");
        if (seeds.isEmpty()) {
            builder.put("discovery.type", "single-node");
        } else {
            builder.putList("discovery.seed_hosts", seeds.split("\\s*,\\s*"));
            String managers = prop("vivier.os.initial.managers", "");
            if (!managers.isEmpty()) {
                builder.putList("cluster.initial_cluster_manager_nodes", managers.split("\\s*,\\s*"));
            }
        }
        for (String arg : args) {
            String setting = arg.startsWith("-E") ? arg.substring(2) : arg;
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected -Ekey=value, got: " + arg);
            }
            builder.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return builder.build();
    }

    public static void main(String[] args) throws Exception {
        Settings settings = settings(args);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Collections.emptyMap(), null, () -> settings.get("node.name"));
        Node node = new EmbeddedNode(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "opensearch-shutdown"));
        node.start();
        System.out.println("OpenSearch " + org.opensearch.Version.CURRENT + " node '" + settings.get("node.name")
            + "' on http://" + settings.get("network.host") + ":" + settings.get("http.port") + "/");
        stopped.await();
    }
}
