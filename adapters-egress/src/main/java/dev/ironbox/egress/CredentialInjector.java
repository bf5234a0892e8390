package dev.ironbox.egress;

import dev.ironbox.core.model.egress.CredentialMapping;
import dev.ironbox.core.model.egress.InjectionKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Adds one mapped credential to requests bound for its host: replaces the sandbox's placeholder wherever it appears
 * in a header value or the query, then sets the credential as the mapping says (Bearer, a named header, a named query
 * parameter). What it writes is what it was given: the proxy gives it {@link SecretTokens tokens}, never the secret,
 * so that Jetty's request objects (which its DEBUG lines print) hold none. Its {@link #toString()} shows neither.
 */
final class CredentialInjector {

    private final CredentialMapping mapping;
    private final String headerValue;
    private final String queryValue;

    /** Writes {@code secret} itself (percent-encoded in the query). */
    CredentialInjector(CredentialMapping mapping, String secret) {
        this(mapping, secret, URLEncoder.encode(Objects.requireNonNull(secret, "secret"), StandardCharsets.UTF_8));
    }

    /** Writes {@code headerValue} in headers and {@code queryValue}, as given (already encoded), in the query. */
    CredentialInjector(CredentialMapping mapping, String headerValue, String queryValue) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.headerValue = Objects.requireNonNull(headerValue, "headerValue");
        this.queryValue = Objects.requireNonNull(queryValue, "queryValue");
    }

    /** The query to send upstream: placeholders replaced and, for a QUERY mapping, the parameter set. */
    String rewriteQuery(String query) {
        String encoded = queryValue;
        String q = query == null ? "" : query.replace(mapping.placeholder(), encoded);
        if (mapping.kind() != InjectionKind.QUERY) {
            return q.isEmpty() ? null : q;
        }
        String name = mapping.parameterName();
        String pair = URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + encoded;
        List<String> parts = new ArrayList<>();
        boolean set = false;
        for (String part : q.isEmpty() ? new String[0] : q.split("&", -1)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            if (key.equals(name) || key.equals(URLEncoder.encode(name, StandardCharsets.UTF_8))) {
                if (!set) {
                    parts.add(pair);
                    set = true;
                }
            } else {
                parts.add(part);
            }
        }
        if (!set) {
            parts.add(pair);
        }
        return String.join("&", parts);
    }

    /** Rewrites the headers that go upstream: placeholders replaced, then the credential set. */
    void inject(HttpFields.Mutable headers) {
        String placeholder = mapping.placeholder();
        List<HttpField> fields = new ArrayList<>();
        headers.forEach(fields::add);
        if (fields.stream().anyMatch(field -> holds(field, placeholder))) {
            headers.clear();
            for (HttpField field : fields) {
                headers.add(holds(field, placeholder)
                        ? new HttpField(field.getHeader(), field.getName(),
                                field.getValue().replace(placeholder, headerValue))
                        : field);
            }
        }
        switch (mapping.kind()) {
            case BEARER -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + headerValue);
            case HEADER -> headers.put(mapping.parameterName(), headerValue);
            case QUERY -> { }
        }
    }

    private static boolean holds(HttpField field, String placeholder) {
        return field.getValue() != null && field.getValue().contains(placeholder);
    }

    @Override
    public String toString() {
        return "CredentialInjector[" + mapping + "]";
    }
}
