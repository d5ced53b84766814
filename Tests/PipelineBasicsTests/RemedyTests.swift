import PipelineBasics
import Testing

/// The words a lower layer writes for a fix only the CLI can spell.
@Suite struct RemedyTests {
    @Test func everyRemedyHasItsOwnPhrase() {
        let phrases = Remedy.allCases.map(\.phrase)
        #expect(Set(phrases).count == Remedy.allCases.count)
    }

    @Test func aPhraseIsWordsNotAFlag() {
        for remedy in Remedy.allCases {
            #expect(!remedy.phrase.contains("-"), "\(remedy)")
            #expect(remedy.phrase.hasPrefix("the option that "), "\(remedy): the CLI finds phrases by this start")
            #expect(remedy.phrase == remedy.phrase.lowercased())
        }
    }

    @Test func noPhraseIsPartOfAnother() {
        // The CLI replaces each phrase in turn: one inside another would be replaced twice.
        for remedy in Remedy.allCases {
            for other in Remedy.allCases where other != remedy {
                #expect(!remedy.phrase.contains(other.phrase), "\(remedy) contains \(other)")
            }
        }
    }

    @Test func thePhrasesSayWhatTheOptionDoes() {
        #expect(Remedy.resubmitUncertain.phrase.contains("resubmits uncertain tasks"))
        #expect(Remedy.allowUnpriced.phrase.contains("allows unpriced tasks"))
        #expect(Remedy.anotherStateFile.phrase.contains("names the state file"))
    }
}
