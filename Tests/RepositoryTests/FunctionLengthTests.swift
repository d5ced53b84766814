import Testing

/// No function in `Sources/` is longer than 120 lines (from its declaration to its closing brace).
@Suite struct FunctionLengthTests {
    static let limit = 120

    @Test func noFunctionInSourcesIsLongerThanTheLimit() throws {
        let files = RepositoryFiles.swiftFiles(under: "Sources")
        #expect(files.count > 100, "the sources were not found under \(RepositoryFiles.root.path)")
        var tooLong: [String] = []
        for file in files {
            for function in FunctionLengths.functions(in: try RepositoryFiles.text(file))
            where function.length > Self.limit {
                tooLong.append("\(file): \(function)")
            }
        }
        let list = tooLong.joined(separator: "\n")
        #expect(tooLong.isEmpty, "functions over \(Self.limit) lines:\n\(list)")
    }

    @Test func measuresFromDeclarationToClosingBrace() {
        let text = """
            struct S {
                func short() {
                    let x = 1
                }

                init(value: Int) {
                    print(value)
                }
            }
            """
        #expect(
            FunctionLengths.functions(in: text).map { [$0.line, $0.length] } == [[2, 3], [6, 3]])
    }

    @Test func bracesInCommentsAndStringsDoNotCount() {
        let text = #"""
            func f() {
                let a = "}"  // }
                /* } { */
                let b = """
                    }}}
                    """
                let c = #"\(x) } "#
                let d = "\(g({ 1 }())) }"
            }
            func next() {}
            """#
        let functions = FunctionLengths.functions(in: text)
        #expect(functions.map(\.line) == [1, 10])
        #expect(functions.first?.length == 9)
    }

    @Test func aSignatureOverSeveralLinesCountsFromItsFirstLine() {
        let text = """
            func long(
                a: Int,
                b: Int
            ) -> Int {
                a + b
            }
            """
        #expect(FunctionLengths.functions(in: text) == [.init(line: 1, length: 6, signature: "func long(")])
    }

    @Test func aRequirementWithoutBodyIsNoFunction() {
        let text = """
            protocol P {
                func first() -> Int
                func second()
            }
            func body() {
            }
            """
        #expect(FunctionLengths.functions(in: text).map(\.line) == [5])
    }

    @Test func aFunctionOverTheLimitIsFound() {
        let body = Array(repeating: "    step()", count: Self.limit)
        let text = (["func tooLong() {"] + body + ["}"]).joined(separator: "\n")
        #expect(FunctionLengths.functions(in: text).first?.length == Self.limit + 2)
    }
}

/// The lexical scan behind ``FunctionLengths``: what is code and what is not.
@Suite struct CodeOnlyTests {
    @Test func nestedBlockCommentsEndAtTheirOwnClose() {
        let code = CodeOnly.braces(["a /* { /* } */ { */ b", "c"])
        #expect(code == ["a  b", "c"])
    }

    @Test func aRawStringInterpolationStaysCode() {
        let code = CodeOnly.braces([##"let s = #"{ \#(f({ 1 })) }"#"##])
        #expect(code.first?.filter { $0 == "{" || $0 == "}" } == "{}")
    }

    @Test func aMultiLineStringSpansLinesWithoutItsBraces() {
        let code = CodeOnly.braces(["let s = \"\"\"", "  { } {", "  \"\"\"", "func f() {"])
        #expect(code.count == 4)
        #expect(!code[1].contains("{"))
        #expect(code[3].contains("{"))
    }

    @Test func anEscapedQuoteDoesNotEndAString() {
        let code = CodeOnly.braces([#"let s = "a \" { " + x { }"#])
        #expect(code.first?.filter { $0 == "{" || $0 == "}" } == "{}")
    }
}
