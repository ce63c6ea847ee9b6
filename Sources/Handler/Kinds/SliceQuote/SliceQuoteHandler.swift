import Foundation
import Logging
import Runtime

/// The `slice-quote` job kind: a 3D model sliced by PrusaSlicer into G-code, with print time,
/// filament and a cost quote.
///
/// The steps, each failing with the exit class a submitter can act on:
/// 1. resolve the vendor presets into ini files (a broken installation → 69);
/// 2. read the model: STL directly, 3MF/OBJ/STEP converted to STL by PrusaSlicer first (unreadable,
///    truncated, empty, too many triangles → 65);
/// 3. orient it (pure Swift, ``OrientationPlanner``) and check it fits the printer (too big → 65);
/// 4. validate with `prusa-slicer --info` while the slice already runs: the slice is only kept when
///    validation passes (not watertight → warning, or 65 with `strict`), and is cancelled otherwise,
///    so validation costs no wall time on a good model;
/// 5. read the statistics from the G-code and price them (``CostBreakdown``).
public struct SliceQuoteHandler: JobHandler {
    public static let kind = "slice-quote"
    public static let gcodeName = "model.gcode"
    public static let quoteName = "quote.json"

    public init() {}

    public var kind: String { Self.kind }
    public var inputs: [InputSpec] { [InputSpec(name: "model", required: true)] }
    public var paramsSchema: JSONValue { SliceQuoteParams.schema }

    public func normalize(params: JSONValue) throws -> JSONValue {
        try SliceQuoteParams(validating: params).json
    }

    public func run(_ context: JobContext) async throws -> JobOutcome {
        let params = try SliceQuoteParams(validating: context.job.params)
        guard let model = context.inputFiles["model"] else {
            throw JobError.invalidJob("inputs.model is required", path: "inputs.model")
        }
        let name = Self.displayName(context.job.inputs["model"], fallback: model.lastPathComponent)
        guard let format = ModelFormat(fileExtension: model.pathExtension) else {
            throw JobError.badInput(
                "the model \(name) has an unsupported format (\".\(model.pathExtension)\"): upload STL, 3MF, OBJ or STEP (.step/.stp)"
            )
        }
        let slicer = try context.tools.locate(
            "prusa-slicer", override: "ONEJOB_PRUSA_SLICER",
            installHint: "install it with: apt-get install prusa-slicer")
        guard let spec = PrinterCatalog.spec(named: params.printer) else {
            throw JobError.invalidJob("unknown printer \(params.printer)", path: "params.printer")
        }
        let resolver = try ProfileSet.loadBundle(
            path: context.environment["ONEJOB_PRUSA_PROFILES"] ?? ProfileSet.defaultBundlePath)
        let profiles = try ProfileSet(
            resolver: resolver, spec: spec, material: params.material, layerHeight: params.layerHeight)
        let materialPerKg = try params.pricing.materialPerKg ?? Self.bundlePrice(profiles)

        let work = context.scratchDirectory.appendingPathComponent("slice-quote", isDirectory: true)
        let gcode = context.outputDirectory.appendingPathComponent(Self.gcodeName)
        let quoteFile = context.outputDirectory.appendingPathComponent(Self.quoteName)
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: context.outputDirectory, withIntermediateDirectories: true)
        } catch {
            throw JobError.toolFailed("could not prepare the PrusaSlicer run in \(work.path): \(error)")
        }
        let iniFiles = try profiles.write(to: work)
        let tool = SlicerRunner(
            executable: slicer, environment: context.environment.scrubbedForTool(home: work.path),
            workingDirectory: work.path, runner: context.runner, logger: context.logger)
        let clock = ContinuousClock()

        // 2. A readable STL.
        let readStarted = clock.now
        var stlPath = model.path
        if format == .threeMF {
            // A zip bomb is refused here, measured by inflating into a small buffer, not by PrusaSlicer.
            try ZipArchiveCheck(maxExpandedBytes: ZipArchiveCheck.maxExpandedBytes(context.environment), displayName: name)
                .check(path: model.path)
        }
        if format != .stl {
            let converted = work.appendingPathComponent("model.stl")
            let result = try await tool.run(PrusaSlicerCommand.convertToSTL(model: model.path, output: converted.path))
            guard result.succeeded, FileManager.default.fileExists(atPath: converted.path) else {
                throw PrusaSlicerOutput.unreadableModel(result, displayName: name, format: format)
            }
            stlPath = converted.path
        }
        let limit = context.environment["ONEJOB_MAX_TRIANGLES"].flatMap(Int.init) ?? STLReader.defaultMaxTriangles
        let reader = try STLReader(path: stlPath, maxTriangles: limit, displayName: name)
        let readDuration = clock.now - readStarted

        // 3. Orientation, which reads every triangle (so truncation and the cap show up here), and fit.
        let orientStarted = clock.now
        let plan = try OrientationPlanner().plan(reader, search: params.orient == .auto)
        let orientDuration = clock.now - orientStarted
        guard plan.triangles > 0 else {
            throw JobError.badInput("the model \(name) is empty: it has no triangles with any area")
        }
        try Self.checkFits(plan.size, profiles: profiles, printer: spec.name, name: name)
        context.logger.info(
            "model oriented",
            metadata: [
                "rotateX": "\(plan.rotation.xDegrees)", "rotateY": "\(plan.rotation.yDegrees)",
                "overhangBefore": "\(Int(plan.overhangBefore))", "overhangAfter": "\(Int(plan.overhangAfter))",
            ])

        // 4. Validation alongside the slice; leaving this scope by a throw cancels the slice.
        let settings = PrusaSlicerCommand.SliceSettings(
            layerHeight: params.layerHeight, infillPercent: params.infill, supports: params.supports,
            rotation: plan.rotation)
        let progress = context.progress
        async let infoRun = tool.run(PrusaSlicerCommand.info(model: stlPath))
        async let sliceRun = tool.run(
            PrusaSlicerCommand.slice(model: stlPath, profiles: iniFiles, settings: settings, output: gcode.path),
            progress: progress)
        let infoResult = try await infoRun
        guard infoResult.succeeded, let info = ModelInfo(infoOutput: infoResult.stdout) else {
            throw PrusaSlicerOutput.unreadableModel(infoResult, displayName: name, format: format)
        }
        let warnings = try Self.validate(info, strict: params.strict, name: name)
        for warning in warnings { context.logger.warning("\(warning)") }
        let sliceResult = try await sliceRun
        guard sliceResult.succeeded else { throw PrusaSlicerOutput.sliceFailure(sliceResult) }
        progress(100)

        // 5. The quote.
        let summary = try GCodeSummary(gcodeFile: gcode.path)
        let cost = CostBreakdown(
            grams: summary.filamentGrams, printSeconds: summary.printSeconds, quantity: params.quantity,
            pricing: params.pricing, materialPerKg: materialPerKg)
        let quote = SliceQuote(
            printer: spec.name, material: params.material, printPreset: profiles.print.name,
            filamentPreset: profiles.filament.name, filamentDensity: profiles.filamentDensity ?? 0, summary: summary,
            cost: cost, orientation: plan, info: info, supports: params.supports, warnings: warnings,
            validationMs: Self.milliseconds(readDuration + infoResult.duration),
            orientationMs: Self.milliseconds(orientDuration), sliceMs: Self.milliseconds(sliceResult.duration))
        do {
            try Data((quote.json.prettyText() + "\n").utf8).write(to: quoteFile)
        } catch {
            throw JobError.toolFailed("could not write \(quoteFile.path): \(error)")
        }
        return JobOutcome(
            files: [
                OutputFile(name: Self.gcodeName, localURL: gcode, contentType: "text/x.gcode"),
                OutputFile(name: Self.quoteName, localURL: quoteFile, contentType: "application/json"),
            ],
            metrics: quote.metrics,
            tool: ToolInfo(
                name: "prusa-slicer", version: GCodeSummary.generatorVersion(gcodeFile: gcode.path) ?? "unknown"))
    }

    // MARK: - Checks

    /// Refuses a model that does not fit the printer's bed and height as it will be printed.
    static func checkFits(_ size: SIMD3<Double>, profiles: ProfileSet, printer: String, name: String) throws(JobError) {
        guard let bed = profiles.bedSize, let height = profiles.maxPrintHeight else { return }
        let tolerance = 1e-6
        guard size.x > bed.width + tolerance || size.y > bed.depth + tolerance || size.z > height + tolerance else {
            return
        }
        func mm(_ value: Double) -> String { JSONValue.number((value * 10).rounded() / 10).compactText }
        throw JobError.badInput(
            "the model \(name) is too big for the \(printer): it measures \(mm(size.x)) × \(mm(size.y)) × \(mm(size.z)) mm "
                + "as it would be printed, but the printer builds at most \(mm(bed.width)) × \(mm(bed.depth)) × \(mm(height)) mm; "
                + "scale it down or split it into parts")
    }

    /// Turns PrusaSlicer's mesh statistics into refusals (65) and warnings for the quote.
    static func validate(_ info: ModelInfo, strict: Bool, name: String) throws(JobError) -> [String] {
        guard info.facets > 0 else {
            throw JobError.badInput("the model \(name) is empty: PrusaSlicer found no facets in it")
        }
        var warnings: [String] = []
        if !info.manifold {
            let holes = "the model \(name) is not watertight (\(info.openEdges) open edges)"
            if strict {
                throw JobError.badInput(
                    "\(holes); repair it so every edge joins two faces, or quote it with strict: false")
            }
            warnings.append("\(holes): PrusaSlicer prints it as it can, but holes may print wrong or not at all")
        }
        if info.facetsReversed > 0 {
            warnings.append("\(info.facetsReversed) facets of the model \(name) faced inwards and were flipped")
        }
        return warnings
    }

    /// The filament profile's price per kg. Some profiles say 0 (unknown): quoting the material as
    /// free would be wrong, so the job must name a price then.
    static func bundlePrice(_ profiles: ProfileSet) throws(JobError) -> Decimal {
        guard let cost = profiles.filament["filament_cost"],
            let price = Decimal(string: cost, locale: Locale(identifier: "en_US_POSIX")), price > 0
        else {
            throw JobError.invalidJob(
                "the filament profile \(profiles.filament.name) has no price (filament_cost = \(profiles.filament["filament_cost"] ?? "missing")); set params.pricing.materialPerKg",
                path: "params.pricing.materialPerKg")
        }
        return price
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    /// The file name the submitter knows (`bracket.stl` from the URL), not our local copy's.
    static func displayName(_ url: String?, fallback: String) -> String {
        guard let url, let last = url.split(separator: "/").last, !last.isEmpty, last.count <= 120 else {
            return fallback
        }
        return String(last.split(separator: "?").first ?? last)
    }
}
