import FuzzSupport
import Runtime

/// What must hold for any byte string given to ``JobDecoder`` with the real job kinds' parameter rules.
enum JobProperties {
    static let decoder = JobDecoder(handlers: KindParams.registry)

    static func check(_ bytes: [UInt8]) {
        let job: Job
        do {
            job = try decoder.decode(bytes)
        } catch {
            Property.check(error.code == .invalidJob, "a job document failed with \(error.code), not invalidJob: \(error)")
            return
        }
        let document = job.document
        for (form, text) in [("canonical", document.canonicalText), ("pretty", document.prettyText())] {
            do {
                let again = try decoder.decode(Array(text.utf8))
                Property.check(again == job, "\(form) document decodes to a different job:\n\(text)")
            } catch {
                Property.check(false, "\(form) document of an accepted job is refused: \(error)\n\(text)")
            }
        }
        // The content id ignores `id`, `output` and `callback`, and any default written out explicitly.
        let anonymous = document.removing(["id"])
        do {
            let again = try decoder.decode(Array(anonymous.canonicalText.utf8))
            Property.check(again.id == JobDecoder.contentID(of: job), "content id changes when the defaults are written out")
            let hooked = anonymous.setting("callback", to: .string("https://elsewhere.example/hook"))
            let moved = try decoder.decode(Array(hooked.compactText.utf8))
            Property.check(moved.id == again.id, "content id depends on the callback")
        } catch {
            Property.check(false, "an accepted job without its id is refused: \(error)")
        }
    }
}
