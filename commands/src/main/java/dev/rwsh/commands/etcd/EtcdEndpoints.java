package dev.rwsh.commands.etcd;

import dev.rwsh.commands.RwshException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The etcd endpoints as {@code risingwave ctl meta migration --etcd-endpoints} and etcdctl take them:
 * {@code HOST:PORT[,HOST:PORT...]}, each optionally with an {@code http://} or {@code https://} scheme.
 */
public record EtcdEndpoints(List<URI> uris) {

    public EtcdEndpoints {
        uris = List.copyOf(uris);
    }

    /** Parses the comma-separated list; {@code tls} picks the scheme for entries written without one. */
    public static EtcdEndpoints parse(String text, boolean tls) {
        if (text == null || text.isBlank()) {
            throw RwshException.usage("no etcd endpoint given: use --endpoints HOST:PORT[,HOST:PORT...]");
        }
        List<URI> uris = new ArrayList<>();
        for (String part : text.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String withScheme = entry.contains("://") ? entry : (tls ? "https://" : "http://") + entry;
            URI uri;
            try {
                uri = URI.create(withScheme);
            } catch (IllegalArgumentException e) {
                throw RwshException.usage("malformed etcd endpoint '" + entry + "': expected HOST:PORT");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw RwshException.usage("etcd endpoint '" + entry + "' has scheme '" + uri.getScheme() + "': use http://, https:// or none");
            }
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw RwshException.usage("malformed etcd endpoint '" + entry + "': expected HOST:PORT, for example 127.0.0.1:2379");
            }
            uris.add(URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()));
        }
        if (uris.isEmpty()) {
            throw RwshException.usage("no etcd endpoint given: use --endpoints HOST:PORT[,HOST:PORT...]");
        }
        return new EtcdEndpoints(uris);
    }

    /** {@code host:port,host:port} as the user wrote them, scheme shown only for TLS. */
    public String display() {
        StringBuilder out = new StringBuilder();
        for (URI uri : uris) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append("https".equals(uri.getScheme()) ? uri.toString() : uri.getHost() + ":" + uri.getPort());
        }
        return out.toString();
    }
}
