// Turns a validated Bundle into the scoring engine's index-based dataset (scoring/dataset.h).
#pragma once

#include "bundle/bundle.h"
#include "scoring/dataset.h"

namespace civic::bundle {

// `bundle` must come from read_bundle or obey the same rules (references resolve, one tree).
scoring::ScoringDataset build_dataset(const Bundle& bundle);

}  // namespace civic::bundle
