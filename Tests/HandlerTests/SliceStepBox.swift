import Foundation

/// A box written as an AP214 STEP B-rep by hand: 8 vertices, 12 line edges, 6 planar faces,
/// one closed shell, with the product and unit context a STEP reader expects (170 entities).
enum SliceStepBox {
    static func text(size: Double = 20) -> String {
        var entities: [String] = []
        @discardableResult
        func add(_ entity: String) -> String {
            entities.append(entity)
            return "#\(entities.count)"
        }
        func coordinates(_ values: [Double]) -> String {
            values.map { String(format: "%.6f", $0) }.joined(separator: ",")
        }
        func point(_ values: [Double]) -> String { add("CARTESIAN_POINT('',(\(coordinates(values))))") }
        func direction(_ values: [Double]) -> String { add("DIRECTION('',(\(coordinates(values))))") }

        let application = add("APPLICATION_CONTEXT('automotive design')")
        add("APPLICATION_PROTOCOL_DEFINITION('international standard','automotive_design',2000,\(application))")
        let productContext = add("PRODUCT_CONTEXT('',\(application),'mechanical')")
        let product = add("PRODUCT('box','box','',(\(productContext)))")
        add("PRODUCT_RELATED_PRODUCT_CATEGORY('part',$,(\(product)))")
        let formation = add("PRODUCT_DEFINITION_FORMATION('','',\(product))")
        let definitionContext = add("PRODUCT_DEFINITION_CONTEXT('part definition',\(application),'design')")
        let definition = add("PRODUCT_DEFINITION('design','',\(formation),\(definitionContext))")
        let shape = add("PRODUCT_DEFINITION_SHAPE('','',\(definition))")
        let millimetre = add("( LENGTH_UNIT() NAMED_UNIT(*) SI_UNIT(.MILLI.,.METRE.) )")
        let radian = add("( NAMED_UNIT(*) PLANE_ANGLE_UNIT() SI_UNIT($,.RADIAN.) )")
        let steradian = add("( NAMED_UNIT(*) SI_UNIT($,.STERADIAN.) SOLID_ANGLE_UNIT() )")
        let uncertainty = add(
            "UNCERTAINTY_MEASURE_WITH_UNIT(LENGTH_MEASURE(1.E-07),\(millimetre),'distance_accuracy_value','confusion accuracy')"
        )
        let context = add(
            "( GEOMETRIC_REPRESENTATION_CONTEXT(3) GLOBAL_UNCERTAINTY_ASSIGNED_CONTEXT((\(uncertainty))) "
                + "GLOBAL_UNIT_ASSIGNED_CONTEXT((\(millimetre),\(radian),\(steradian))) REPRESENTATION_CONTEXT('',''))")

        // Vertex index = 4x + 2y + z for corner (x, y, z) ∈ {0, 1}³.
        let corners: [[Double]] = (0..<8).map { (index: Int) -> [Double] in
            let x = Double((index >> 2) & 1)
            let y = Double((index >> 1) & 1)
            let z = Double(index & 1)
            return [x * size, y * size, z * size]
        }
        let vertices = corners.map { add("VERTEX_POINT('',\(point($0)))") }
        var edges: [[Int]: String] = [:]
        func edge(_ from: Int, _ to: Int) -> (String, String) {
            if let existing = edges[[from, to]] { return (existing, ".T.") }
            if let existing = edges[[to, from]] { return (existing, ".F.") }
            let delta = zip(corners[to], corners[from]).map { $0 - $1 }
            let length = delta.map { $0 * $0 }.reduce(0, +).squareRoot()
            let vector = add("VECTOR('',\(direction(delta.map { $0 / length })),\(String(format: "%.6f", length)))")
            let line = add("LINE('',\(point(corners[from])),\(vector))")
            let curve = add("EDGE_CURVE('',\(vertices[from]),\(vertices[to]),\(line),.T.)")
            edges[[from, to]] = curve
            return (curve, ".T.")
        }
        // Each face: its corners counter-clockwise seen from outside, its normal, and an in-plane axis.
        let faces: [([Int], [Double], [Double])] = [
            ([0, 2, 6, 4], [0, 0, -1], [1, 0, 0]), ([1, 5, 7, 3], [0, 0, 1], [1, 0, 0]),
            ([0, 4, 5, 1], [0, -1, 0], [1, 0, 0]), ([2, 3, 7, 6], [0, 1, 0], [1, 0, 0]),
            ([0, 1, 3, 2], [-1, 0, 0], [0, 1, 0]), ([4, 6, 7, 5], [1, 0, 0], [0, 1, 0]),
        ]
        var faceEntities: [String] = []
        for (loop, normal, axis) in faces {
            let oriented = (0..<4).map { index -> String in
                let (curve, sense) = edge(loop[index], loop[(index + 1) % 4])
                return add("ORIENTED_EDGE('',*,*,\(curve),\(sense))")
            }
            let edgeLoop = add("EDGE_LOOP('',(\(oriented.joined(separator: ","))))")
            let bound = add("FACE_OUTER_BOUND('',\(edgeLoop),.T.)")
            let placement = add(
                "AXIS2_PLACEMENT_3D('',\(point(corners[loop[0]])),\(direction(normal)),\(direction(axis)))")
            let plane = add("PLANE('',\(placement))")
            faceEntities.append(add("ADVANCED_FACE('',(\(bound)),\(plane),.T.)"))
        }
        let shell = add("CLOSED_SHELL('',(\(faceEntities.joined(separator: ","))))")
        let solid = add("MANIFOLD_SOLID_BREP('box',\(shell))")
        let origin = add("AXIS2_PLACEMENT_3D('',\(point([0, 0, 0])),\(direction([0, 0, 1])),\(direction([1, 0, 0])))")
        let representation = add("ADVANCED_BREP_SHAPE_REPRESENTATION('',(\(origin),\(solid)),\(context))")
        add("SHAPE_DEFINITION_REPRESENTATION(\(shape),\(representation))")

        var lines = [
            "ISO-10303-21;", "HEADER;", "FILE_DESCRIPTION(('box'),'2;1');",
            "FILE_NAME('box.step','2024-01-01T00:00:00',(''),(''),'','','');",
            "FILE_SCHEMA(('AUTOMOTIVE_DESIGN { 1 0 10303 214 1 1 1 1 }'));", "ENDSEC;", "DATA;",
        ]
        lines += entities.enumerated().map { "#\($0.offset + 1)=\($0.element);" }
        lines += ["ENDSEC;", "END-ISO-10303-21;"]
        return lines.joined(separator: "\n") + "\n"
    }

    static var entityCount: Int { text().split(separator: "\n").filter { $0.hasPrefix("#") }.count }

    /// The file cut off in the middle of its DATA section.
    static var broken: String {
        let full = text()
        return String(full.prefix(full.count / 3))
    }
}
