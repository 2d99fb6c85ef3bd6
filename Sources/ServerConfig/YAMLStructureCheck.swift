import Yams

/// Checks a config file's YAML tree against ``SettingKey``: every key is known (typo
/// protection), sections are mappings, scalar settings are scalars and list settings are lists of
/// scalars. swift-configuration reads values by key and cannot list a file's keys, hence this walk.
enum YAMLStructureCheck {
    static func check(_ root: Node.Mapping, path: String) throws(ConfigurationError) {
        let topLevelNames = uniqueInOrder(SettingKey.allCases.map { $0.components[0] })
        for (keyNode, valueNode) in root {
            let name = try keyName(keyNode, path: path)
            if let leaf = SettingKey(rawValue: name) {
                try checkLeaf(leaf, valueNode, path: path)
                continue
            }
            let settings = SettingKey.allCases.filter { $0.components.count == 2 && $0.components[0] == name }
            guard !settings.isEmpty else {
                throw .unknownKey(key: name, path: path, line: keyNode.mark?.line, known: topLevelNames)
            }
            guard let section = valueNode.mapping else {
                throw .invalidValue(
                    key: name, value: shown(valueNode, secret: false), source: .file(path: path),
                    expected: "a mapping with keys " + settings.map { $0.components[1] }.joined(separator: ", "))
            }
            for (childKeyNode, childValueNode) in section {
                let fullName = name + "." + (try keyName(childKeyNode, path: path))
                guard let setting = SettingKey(rawValue: fullName) else {
                    throw .unknownKey(
                        key: fullName, path: path, line: childKeyNode.mark?.line, known: settings.map(\.rawValue))
                }
                try checkLeaf(setting, childValueNode, path: path)
            }
        }
    }

    private static func checkLeaf(_ key: SettingKey, _ node: Node, path: String) throws(ConfigurationError) {
        let wellShaped: Bool
        switch key.shape {
        case .scalar:
            wellShaped = node.scalar.map { !isNull($0) } ?? false
        case .list:
            wellShaped = node.sequence?.allSatisfy { $0.scalar.map { !isNull($0) } ?? false } ?? false
        }
        if !wellShaped {
            throw .invalidValue(
                key: key.rawValue, value: shown(node, secret: key.isSecret), source: .file(path: path),
                expected: key.expectation)
        }
    }

    private static func keyName(_ node: Node, path: String) throws(ConfigurationError) -> String {
        guard let scalar = node.scalar else {
            throw .malformedFile(
                path: path, reason: "a key at line \(node.mark.map { String($0.line) } ?? "?") is not a plain name")
        }
        return scalar.string
    }

    /// YAML 1.2 core-schema null: an empty or `~`/`null` plain scalar.
    private static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func shown(_ node: Node, secret: Bool) -> ShownValue {
        switch node {
        case .scalar(let scalar):
            if isNull(scalar) { return .kind("null") }
            return secret ? .masked(byteCount: scalar.string.utf8.count) : .text(scalar.string)
        case .sequence(let sequence):
            let items = sequence.compactMap { $0.scalar?.string }
            guard items.count == sequence.count else { return .kind("a list of non-scalar values") }
            return secret ? .masked(byteCount: items.reduce(0) { $0 + $1.utf8.count }) : .list(items)
        case .mapping:
            return .kind("a mapping")
        case .alias:
            return .kind("an alias")
        }
    }

    private static func uniqueInOrder(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
