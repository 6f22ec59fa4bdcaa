#include "domain/evaluation/evidence.h"
