import Runtime

@main
struct OneJobMain {
    static func main() {}
}
