import Foundation

/// The value-bearing parts of AADSTS messages, old and new wordings alike.
///
/// Wording is used only to pull values out; the code alone decides what the error is. Each
/// probe fills a field only while it is empty, so the first, most specific probe wins.
enum MessageTemplates {
    private struct Probe {
        var pattern: TextPattern
        var fill: @Sendable (inout ExtractedValues, [String?]) -> Void
    }

    private static let guid = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"

    private static let probes: [Probe] = [
        // 650057: the client, the resource and the registration's resource list.
        Probe(pattern: TextPattern(#"Client app ID:\s*([^\s(]+)\s*\(([^)]*)\)"#, requiring: ["client app id:"])) { values, groups in
            fill(&values.clientAppId, groups[0])
            fill(&values.clientName, groups[1])
        },
        Probe(pattern: TextPattern(#"Client app ID:\s*([^\s(.]+)"#, requiring: ["client app id:"])) { values, groups in
            fill(&values.clientAppId, groups[0])
        },
        Probe(pattern: TextPattern(#"Resource value from request:\s*(\S+?)\.?(?:\s|$)"#, requiring: ["resource value from request:"])) { values, groups in
            fill(&values.resourceURI, groups[0])
        },
        Probe(pattern: TextPattern(#"Resource app ID:\s*([^\s.]+)"#, requiring: ["resource app id:"])) { values, groups in
            fill(&values.resourceAppId, groups[0])
        },
        Probe(pattern: TextPattern(#"List of valid resources from app registration:\s*((?:\#(guid)|[a-z][a-z0-9+.-]*://[^\s,]+?)(?:\s*,\s*(?:\#(guid)|[a-z][a-z0-9+.-]*://[^\s,]+?))*)\.?(?:\s|$)"#, requiring: ["list of valid resources from app registration:"])) { values, groups in
            guard values.validResources.isEmpty, let list = groups[0] else {
                return
            }
            values.validResources = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        },

        // 65006: the resource, the client and the permission ids.
        Probe(pattern: TextPattern(#"Resource '([^']*)' had no entitlements"#, requiring: ["had no entitlements"])) { values, groups in
            fill(&values.resourceAppId, groups[0])
        },
        Probe(pattern: TextPattern(#"for client '([^']*)'"#, requiring: ["for client '"])) { values, groups in
            fill(&values.clientAppId, groups[0])
        },
        Probe(pattern: TextPattern(#"Requested permission IDs:\s*'([^']*)'"#, requiring: ["requested permission ids:"])) { values, groups in
            guard values.requestedPermissionIds.isEmpty, let list = groups[0] else {
                return
            }
            values.requestedPermissionIds = list.split { $0 == "," || $0 == " " }.map(String.init)
        },

        // 650052, current and older wordings, and the tenant it names.
        Probe(pattern: TextPattern(#"access a service '([^']*)'\s*\(([^)]*)\)"#, requiring: ["access a service '"])) { values, groups in
            fill(&values.resourceAppId, groups[0])
            fill(&values.resourceName, groups[1])
        },
        Probe(pattern: TextPattern(#"access a service '([^']*)'"#, requiring: ["access a service '"])) { values, groups in
            fill(&values.resourceAppId, groups[0])
        },
        Probe(pattern: TextPattern(#"access to a service \(["“]([^"”]*)["”]\)"#, requiring: ["access to a service ("])) { values, groups in
            fill(&values.resourceName, groups[0])
        },
        // A tenant value with a quote in it ends at the quote before the template's next words,
        // so that it is reported as an invalid tenant instead of being lost. The length bound
        // keeps a long line with many "organization" words linear.
        Probe(pattern: TextPattern(#"organization ['"“](.{1,256}?)['"”]\s+(?:lacks a service principal|has not subscribed)"#, requiring: ["organization "])) { values, groups in
            fill(&values.tenant, groups[0])
        },
        Probe(pattern: TextPattern(#"organization '([^']*)'"#, requiring: ["organization '"])) { values, groups in
            fill(&values.tenant, groups[0])
        },
        Probe(pattern: TextPattern(#"organization ["“]([^"”]*)["”]"#, requiring: ["organization "])) { values, groups in
            fill(&values.tenant, groups[0])
        },

        // 500011: a resource URI and a tenant without quotes.
        Probe(pattern: TextPattern(#"resource principal named (\S+?) was not found in the tenant named (.+?)(?:\.\s|\.?$)"#, requiring: ["resource principal named "])) { values, groups in
            fill(&values.resourceURI, groups[0])
            fill(&values.tenant, groups[1])
        },

        // 700016, 65001, 50105, 7000112, 50194, 50020: the client in its several spellings.
        Probe(pattern: TextPattern(#"Application with identifier '([^']*)' was not found in the directory '([^']*)'"#, requiring: ["application with identifier '"])) { values, groups in
            fill(&values.clientAppId, groups[0])
            fill(&values.tenant, groups[1])
        },
        Probe(pattern: TextPattern(#"application with ID '([^']*)' named '([^']*)'"#, requiring: ["application with id '"])) { values, groups in
            fill(&values.clientAppId, groups[0])
            fill(&values.clientName, groups[1])
        },
        Probe(pattern: TextPattern(#"configured the application (.+?) \('([^']*)'\)"#, requiring: ["configured the application "])) { values, groups in
            fill(&values.clientName, groups[0])
            fill(&values.clientAppId, groups[1])
        },
        Probe(pattern: TextPattern(#"cannot access the application '([^']*)'\s*\(([^)]*)\)"#, requiring: ["cannot access the application '"])) { values, groups in
            fill(&values.clientAppId, groups[0])
            fill(&values.clientName, groups[1])
        },
        Probe(pattern: TextPattern(#"Application '([^']*)'\s*\(([^)]*)\)"#, requiring: ["application '"])) { values, groups in
            fill(&values.clientAppId, groups[0])
            fill(&values.clientName, groups[1])
        },
        Probe(pattern: TextPattern(#"User account '([^']*)'"#, requiring: ["user account '"])) { values, groups in
            fill(&values.userPrincipalName, groups[0])
        },
        Probe(pattern: TextPattern(#"in tenant '([^']*)'"#, requiring: ["in tenant '"])) { values, groups in
            fill(&values.tenant, groups[0])
        },

        // 50011 and 500113: the redirect URI, named as "redirect URI", "reply URL" or "reply address".
        Probe(pattern: TextPattern(#"(?:redirect URI|reply URL|reply address)\s*'([^']*)'"#, requiring: ["redirect uri", "reply url", "reply address"])) { values, groups in
            fill(&values.redirectURI, groups[0])
        },
        Probe(pattern: TextPattern(#"configured for the application:?\s*'([^']*)'"#, requiring: ["configured for the application"])) { values, groups in
            fill(&values.clientAppId, groups[0])
        },

        // 7000215, 7000222: the app whose secret is wrong.
        Probe(pattern: TextPattern(#"(?:secret added to app|secret keys for app|for app)\s*'([^']*)'"#, requiring: ["secret added to app", "for app"])) { values, groups in
            fill(&values.clientAppId, groups[0])
        },

        // 500014, 50076, 50079: the resource being accessed.
        Probe(pattern: TextPattern(#"resource '([^']*)' is disabled"#, requiring: ["' is disabled"])) { values, groups in
            fill(&values.resourceAppId, groups[0])
        },
        Probe(pattern: TextPattern(#"to access '([^']*)'"#, requiring: ["to access '"])) { values, groups in
            fill(&values.resourceAppId, groups[0])
        },

        // Other tenant spellings, least specific last.
        Probe(pattern: TextPattern(#"directory '([^']*)'"#, requiring: ["directory '"])) { values, groups in
            fill(&values.tenant, groups[0])
        },
        Probe(pattern: TextPattern(#"tenant '([^']*)'"#, requiring: ["tenant '"])) { values, groups in
            fill(&values.tenant, groups[0])
        },
    ]

    /// Fills the fields of `values` that the message text names.
    static func apply(to values: inout ExtractedValues, from message: String) {
        for probe in probes {
            if let groups = probe.pattern.firstGroups(in: message) {
                probe.fill(&values, groups)
            }
        }
    }

    private static func fill(_ field: inout String?, _ value: String?) {
        guard field == nil, let value else {
            return
        }
        let trimmed = TextDecoding.trimmed(value)
        if !trimmed.isEmpty {
            field = trimmed
        }
    }
}
