"""Excel files (openpyxl): ``export`` writes the workbooks offices download, ``imports``
reads and checks the workbooks units upload. Neither knows any app's models."""
