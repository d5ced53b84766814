import Yams

/// Parses YAML text into a `SyntaxNode` tree, turning every YAML problem into a diagnostic.
///
/// Guards against hostile input before and while converting: nesting deeper than
/// `maximumDepth` is refused before Yams' recursive composer sees it, and alias expansion
/// ("billion laughs") is bounded by `maximumNodes`.
public struct SyntaxParser: Sendable {
    public var maximumDepth = 64
    public var maximumNodes = 500_000
    public var maximumBytes = 16 << 20

    public init() {}

    /// The document's root node, or the diagnostics that stopped parsing.
    public func parse(_ source: SourceFile) -> Result<SyntaxNode, Diagnostic> {
        if source.text.utf8.count > maximumBytes {
            return .failure(
                .error(
                    .tooComplex, at: source.location(line: 1, column: 1),
                    "the file is larger than \(maximumBytes >> 20) MiB"))
        }
        if let deep = NestingScanner.firstLineDeeperThan(maximumDepth, in: source.text) {
            return .failure(
                .error(
                    .tooComplex, at: source.location(line: deep, column: 1),
                    "nesting is deeper than \(maximumDepth) levels",
                    hint: "a pipeline needs only a few levels; check for runaway brackets or indentation"))
        }
        let root: Node?
        do {
            // No Yams resolver: plain scalars are resolved by `CoreSchema` in `scalar(_:)` (the
            // default one compiles seven regular expressions, and runs them on mapping keys).
            root = try Yams.compose(yaml: source.text, .basic)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, in: source))
        } catch {
            return .failure(.error(.syntax, at: source.location(line: 1, column: 1), "\(error)"))
        }
        guard let root else {
            return .failure(.error(.syntax, at: source.location(line: 1, column: 1), "the file is empty"))
        }
        var budget = maximumNodes
        do {
            return .success(try convert(root, source: source, budget: &budget))
        } catch let diagnostic as Diagnostic {
            return .failure(diagnostic)
        } catch {
            return .failure(.error(.syntax, at: source.location(line: 1, column: 1), "\(error)"))
        }
    }

    private func location(_ mark: Mark?, _ source: SourceFile) -> SourceLocation {
        source.location(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private func convert(_ node: Node, source: SourceFile, budget: inout Int) throws -> SyntaxNode {
        budget -= 1
        if budget < 0 {
            throw Diagnostic.error(
                .tooComplex, at: location(node.mark, source),
                "the document expands to more than \(maximumNodes) nodes",
                hint: "YAML aliases (*name) multiply; use fewer or smaller anchors")
        }
        let here = location(node.mark, source)
        switch node {
        case .scalar(let scalar):
            return SyntaxNode(location: here, content: .scalar(Self.scalar(scalar)))
        case .alias:
            return SyntaxNode(
                location: here,
                content: .scalar(.init(text: "", kind: .null, isQuoted: false, isInline: true)))
        case .sequence(let sequence):
            var elements: [SyntaxNode] = []
            elements.reserveCapacity(sequence.count)
            for element in sequence {
                elements.append(try convert(element, source: source, budget: &budget))
            }
            return SyntaxNode(location: here, content: .sequence(elements))
        case .mapping(let mapping):
            var pairs: [SyntaxNode.Pair] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw Diagnostic.error(
                        .syntax, at: location(key.mark, source), "a key must be a plain name, not \(key.kindName)")
                }
                pairs.append(
                    SyntaxNode.Pair(
                        key: keyScalar.string, keyLocation: location(key.mark, source),
                        value: try convert(value, source: source, budget: &budget)))
            }
            return SyntaxNode(location: here, content: .mapping(pairs))
        }
    }

    private static func scalar(_ scalar: Node.Scalar) -> SyntaxNode.Scalar {
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        let inline = (scalar.style == .plain || quoted) && !scalar.string.utf8.contains(UInt8(ascii: "\n"))
        // An implicit tag is empty; an explicit one is expanded (`!!str` is `tag:yaml.org,2002:str`).
        let explicitString = scalar.tag.description.hasSuffix(":str")
        let kind = scalar.style == .plain && !explicitString ? CoreSchema.kind(of: scalar.string) : .string
        return .init(text: scalar.string, kind: kind, isQuoted: quoted, isInline: inline)
    }

    private func diagnostic(for error: YamlError, in source: SourceFile) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .error(.syntax, at: location(mark, source), "invalid YAML: \(problem)")
        case .reader(let problem, let offset, _, _):
            let (line, column) = Self.lineAndColumn(ofUTF8Offset: offset ?? 0, in: source.text)
            return .error(.syntax, at: source.location(line: line, column: column), "unreadable text: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.sorted().first ?? ""
            let mark = DuplicateKeyFinder.secondOccurrence(of: key, after: context.mark, in: source)
            return .error(
                .duplicateKey, at: mark, "'\(key)' is defined twice in the same mapping",
                hint: "names in a mapping must be unique; rename or merge one of them")
        default:
            return .error(.syntax, at: source.location(line: 1, column: 1), "invalid YAML: \(error)")
        }
    }

    static func lineAndColumn(ofUTF8Offset offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for (index, byte) in text.utf8.enumerated() {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

extension Node {
    fileprivate var kindName: String {
        switch self {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
