import Foundation
import PexCLI

exit(PexdevMain.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
