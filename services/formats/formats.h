#pragma once

#include "../engineformats.h"

#include <memory>

// One maker per format we read, each in its own file of services/formats/; create() in
// engineformats.cpp chooses among them.
namespace EngineFormats {

std::unique_ptr<Format> makeGenericFormat();
std::unique_ptr<Format> makeSnowflakeFormat();
std::unique_ptr<Format> makeBigQueryFormat();
std::unique_ptr<Format> makeDremioFormat();
std::unique_ptr<Format> makeDatabricksFormat();
std::unique_ptr<Format> makePgStatStatementsFormat();
std::unique_ptr<Format> makeTrinoFormat();

} // namespace EngineFormats
