// Turns a validated Bundle into the scoring engine's index-based dataset (scoring/dataset.h).
#pragma once

#include <optional>

#include "bundle/bundle.h"
#include "scoring/dataset.h"

namespace civic::bundle {

// `bundle` must come from read_bundle or obey the same rules (references resolve, one tree).
scoring::ScoringDataset build_dataset(const Bundle& bundle);

// Adds one inspection or response to a finished dataset in place (ScoringDataset::insert_*) and returns
// its row; nullopt, the dataset unchanged, when the dataset does not hold its site or unit. Results of
// checks the dataset's framework does not hold are left out.
std::optional<size_t> insert_inspection(scoring::ScoringDataset& data, const Inspection& inspection);
std::optional<size_t> insert_response(scoring::ScoringDataset& data, const Response& response);

}  // namespace civic::bundle
