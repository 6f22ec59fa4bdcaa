#include "domain/evidence.h"
