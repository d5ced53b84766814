import PipelineLanguage
import Testing

@Suite struct CronExpressionTests {
    @Test(arguments: [
        "0 6 * * 1-5", "*/15 * * * *", "0 0 1,15 * *", "30 2 * jan-mar mon", "@daily", "@hourly", "0 12 * * 7",
        "5-55/10 * * * *",
    ])
    func accepts(_ text: String) throws {
        _ = try CronExpression(parsing: text)
    }

    @Test(arguments: [
        "61 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "* * *", "@reboot", "5-1 * * * *",
        "*/0 * * * *", "a * * * *",
    ])
    func rejects(_ text: String) {
        #expect(throws: ExpressionError.self) { try CronExpression(parsing: text) }
    }

    @Test func fieldsExpand() throws {
        let cron = try CronExpression(parsing: "0 6 * * 1-5")
        #expect(cron.minutes.values == [0])
        #expect(cron.hours.values == [6])
        #expect(cron.daysOfWeek.values == [1, 2, 3, 4, 5])
        #expect(cron.daysOfMonth.isWildcard)
        #expect(try CronExpression(parsing: "0 0 * * 7").daysOfWeek.values == [0])
        #expect(try CronExpression(parsing: "*/20 * * * *").minutes.values == [0, 20, 40])
    }
}
