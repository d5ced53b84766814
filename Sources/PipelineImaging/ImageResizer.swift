// Placeholder: the libvips resizer lands here.
import CVipsShim
