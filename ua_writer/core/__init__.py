"""Qt-free domain of ua-writer. Nothing under ``ua_writer.core`` may import PySide6."""
