// Umbrella header of the C shim over libpng and libjpeg-turbo.
#include "dr_png.h"
#include "dr_jpeg.h"
#include "dr_zlib.h"
