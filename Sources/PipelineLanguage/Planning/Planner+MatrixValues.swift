extension Planner {
    /// Where to report a parameter that breaks a rule when its value comes straight from the
    /// stage's matrix (`${{ matrix.NAME }}`): at the value in the matrix, which is what to fix,
    /// with the use's location for the note. Nil when the value is computed some other way.
    func matrixValueLocation(
        of expression: ParameterExpression, value: Value, stage: Stage
    ) -> (value: SourceLocation, use: SourceLocation)? {
        guard case .template(let template, let use, _) = expression,
            let path = template.soleExpression?.referencePath, path.count == 2, path[0] == "matrix",
            let axis = stage.matrix?.axes.first(where: { $0.name == path[1] }),
            let location = axis.location(of: value)
        else { return nil }
        return (location, use)
    }
}
