#include "domain/core/page.h"

#include "domain/core/error.h"

namespace civic {

void PageRequest::validate() const {
  if (page < 1) throw InvalidInput("page", "page starts at 1");
  if (page_size < 1 || page_size > 200)
    throw InvalidInput("page_size", "page_size must be between 1 and 200");
}

}  // namespace civic
