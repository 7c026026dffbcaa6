# expect: ModuleNotFoundError: No module named 'no_such_module_for_sure'
print("before")
import no_such_module_for_sure
